// The UI keeps the session (issue 10, items 1-5): a run that ends keeps its screen and says why,
// startup failures and the last error stay readable, typed input never moves to another peer by
// itself, and Ctrl-D half-closes. Through a real pseudo-terminal against real loopback peers.
import assert from 'node:assert/strict';
import {once} from 'node:events';
import net from 'node:net';
import {setTimeout as delay} from 'node:timers/promises';
import {test} from 'node:test';
import {connectPeer, wrapSocket} from '../helpers/peers.js';
import {afterLeaving, assertRestored, closedPort, listenerWithTwoPeers, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

/** A server that sends a banner and closes at once, as an HTTP/1.0 or SMTP-reject server does. */
async function bannerServer(banner: string): Promise<{port: number; close(): void}> {
	const server = net.createServer(socket => socket.end(banner));
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {port: (server.address() as net.AddressInfo).port, close: () => server.close()};
}

test('item 1: a banner server that closes leaves its banner on the kept screen; q quits with 0', async t => {
	const server = await bannerServer('220 hello from the banner\r\n');
	t.after(() => server.close());
	const run = startInPty([`127.0.0.1:${server.port}`], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await run.waitForScreen(/ENDED: 127\.0\.0\.1:\d+ closed the connection/);
	// The issue asks for the banner still on screen 2 s later, with the process still running.
	await delay(2000);
	assert.match(run.screen(), /#1 received 27 B 220 hello from the banner\\x0d\\x0a/);
	assert.match(run.screen(), /\[ended\] .* q, Esc or Ctrl-C quits/);
	let exited = false;
	void run.exited.then(() => (exited = true));
	assert.equal(exited, false, 'the UI is still running');
	run.type('q');
	await assertRestored(run, 0);
	assert.match(afterLeaving(run), /netcrab-tui: 1 peer, received 27 B, sent 0 B/);
});

test('item 2: a refused target is on the kept screen, and printed after leaving with Esc (exit 1)', async t => {
	const port = await closedPort();
	const run = startInPty([`127.0.0.1:${port}`], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await run.waitForScreen(new RegExp(`\\* cannot connect to 127\\.0\\.0\\.1:${port}: connection refused`));
	await run.waitForScreen('ENDED: the target failed');
	run.type('\x1b');
	await assertRestored(run, 1);
	assert.match(
		afterLeaving(run),
		new RegExp(
			`netcrab-tui: 0 peers, received 0 B, sent 0 B\\r?\\nnetcrab-tui: cannot connect to 127\\.0\\.0\\.1:${port}: connection refused`,
		),
	);
});

test('item 2: a name that does not resolve is on the kept screen and printed after leaving', async t => {
	const run = startInPty(['no-such-host.invalid:80'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await run.waitForScreen(/\* cannot resolve "no-such-host\.invalid"/);
	run.type('\x03');
	await assertRestored(run, 1);
	assert.match(afterLeaving(run), /netcrab-tui: cannot resolve "no-such-host\.invalid"/);
});

test('item 3: after leaving, the summary and the last error (a reset connection) are printed', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 140, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	peer.socket.write('x');
	await run.waitForScreen('#1 received 1 B x');
	peer.socket.resetAndDestroy();
	await run.waitForScreen(/#1 Closed connection .*: connection reset by peer/);
	assert.match(run.screen(), /#1 TCP .* closed: connection reset by peer /, 'the row says why (without -v, no code)');
	run.type('\x03');
	await assertRestored(run, 130);
	assert.match(
		afterLeaving(run),
		/netcrab-tui: 1 peer, received 1 B, sent 0 B\r?\nnetcrab-tui: #1 Closed connection from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+, protocol TCP: connection reset by peer \(ECONNRESET\)/,
	);
});

test('item 4: the selected peer leaves before Enter: nothing is sent, to it or anyone, until the user moves', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-i', 'stdin-nochar'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const a = await connectPeer(port);
	await run.waitForScreen('#1 TCP 127.0.0.1');
	const b = await connectPeer(port);
	t.after(() => b.socket.destroy());
	await run.waitForScreen('#2 TCP 127.0.0.1');
	run.type('\x1b[B');
	await run.waitForScreen('[line] to #1 >');
	run.type('secret for one');
	await run.waitForScreen('secret for one');
	a.socket.end();
	// Today the aim fell back to "All peers" here and Enter sent the line to #2.
	await run.waitForScreen('[line] to #1 (gone) >');
	run.type('\r');
	await run.waitForScreen('Not sent: #1 is gone (Up/Down picks another target)');
	assert.match(run.screen(), /secret for one/, 'the line is kept');
	// The aim moves only when the user moves it; TCP keeps order, so b getting only this line
	// proves the first one never went to it.
	run.type('\x1b[B');
	await run.waitForScreen('[line] to #2 >');
	run.type('\x15to two\r');
	assert.equal((await b.waitFor(7)).toString(), 'to two\n');
	run.type('\x03');
	await assertRestored(run, 130);
});

// Compared: ncat and OpenBSD nc -N half-close on stdin EOF and keep printing what the peer sends;
// socat does the same with its default half-close. Ctrl-D does that per peer here.
test('item 5: Ctrl-D half-closes the selected peer; it reads EOF and its later bytes still arrive', async t => {
	const {run, a, b} = await listenerWithTwoPeers(t, ['-L', '127.0.0.1:0'], {columns: 100, rows: 24});
	await run.waitForScreen('#2 TCP 127.0.0.1');
	run.type('\x1b[B');
	await run.waitForScreen('[keys] to #1 >');
	run.type('\x04');
	await a.ended;
	assert.equal(a.received().length, 0, 'Ctrl-D is not sent as a byte');
	await run.waitForScreen(/#1 TCP .* half-closed/);
	await run.waitForScreen('[keys] to #1 (half-closed) >');
	a.socket.write('after our FIN\n');
	await run.waitForScreen('#1 received 14 B after our FIN\\x0a');
	assert.match(run.screen(), /#2 TCP .* connected/, 'the other peer is untouched');
	// Line mode, All peers, empty line: every peer gets its FIN.
	run.type('\x14\x1b[A');
	await run.waitForScreen('[line] to All peers >');
	run.type('\x04');
	await b.ended;
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 4: Ctrl-K keeps the aim on the peer it closed', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const a = await connectPeer(port);
	const b = wrapSocket(net.connect(port, '127.0.0.1'));
	t.after(() => b.socket.destroy());
	await run.waitForScreen('#2 TCP 127.0.0.1');
	run.type('\x1b[B\x0b');
	await a.ended;
	await run.waitForScreen('[keys] to #1 (gone) >');
	await run.waitForScreen(/#1 TCP .* closed: by you \(Ctrl-K\)/);
	run.type('z');
	await run.waitForScreen('Not sent: #1 is gone');
	run.type('\x03');
	await assertRestored(run, 130);
	assert.equal(b.received().length, 0, 'the other peer got nothing');
});
