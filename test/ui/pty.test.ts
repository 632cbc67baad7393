// End to end through a real pseudo-terminal: the built CLI, a headless xterm as the screen, real
// loopback peers.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, closedPort, listenerWithTwoPeers, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

test('two peers: targeted lines, keystrokes, hub forwarding, a hostile payload, Ctrl-C', async t => {
	const {run, a, b} = await listenerWithTwoPeers(t, ['-L', '127.0.0.1:0', '-m', '10'], {columns: 80, rows: 24});
	await run.waitForScreen('#2 TCP 127.0.0.1');

	// Keystroke mode (the default for -i stdin): a key goes out without Enter, to the selected peer.
	run.type('\x1b[B');
	await run.waitForScreen('[keys] to #1 >');
	run.type('k');
	assert.equal((await a.waitFor(1)).toString(), 'k');

	// Line mode: each selected peer in turn gets its line, and only it.
	run.type('\x14\x1b[B');
	await run.waitForScreen('[line] to #2 >');
	run.type('hello two\r');
	assert.equal((await b.waitFor(10)).toString(), 'hello two\n');
	run.type('\x1b[A');
	await run.waitForScreen('[line] to #1 >');
	run.type('for one\r');
	assert.equal((await a.waitFor(9)).toString(), 'kfor one\n');
	assert.equal(b.received().toString(), 'hello two\n');

	// Ctrl-F to hub: one client's data reaches the other.
	run.type('\x06');
	await run.waitForScreen('| fwd hub |');
	a.socket.write('relay\n');
	assert.equal((await b.waitFor(16)).toString(), 'hello two\nrelay\n');
	await run.waitForScreen('#1 -> #2 6 B relay\\x0a');

	// A hostile payload is shown escaped; the title, the colours and the layout stay ours.
	const rowsBefore = run.rows();
	b.socket.write('\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b[31mRED\x1b[0m\x1bc\x1b[5;5HX');
	// Waits for the whole frame: the pty hands it over in pieces.
	await run.waitForScreen(/\\x1b\[31mRED[^]* TCP \| fwd hub \| line \| to #1 \| 2 peers .*F1 help/);
	assert.deepEqual(run.titles, []);
	const withoutCounts = (rows: string[]) => rows.slice(0, 4).map(row => row.replace(/ in \S+ k?B out \S+ k?B/, ''));
	assert.deepEqual(withoutCounts(run.rows()), withoutCounts(rowsBefore), 'connection list untouched');
	const rows = run.rows();
	const y = rows.findIndex(row => row.includes('RED'));
	const cell = run.term.buffer.active.getLine(run.term.buffer.active.viewportY + y)!.getCell(rows[y]!.indexOf('RED'))!;
	assert.ok(cell.isFgDefault(), 'the peer could not colour the text');
	assert.equal(rows.filter(row => row.includes('F1 help')).length, 1, 'no stale copy of an earlier frame');

	// Ctrl-C ends the run with 130, as SIGINT does in plain mode (the shell convention 128 + 2).
	run.type('\x03');
	await assertRestored(run, 130);
});

test('with -l the screen stays when the client leaves, saying so; q leaves and restores the terminal', async t => {
	const run = startInPty(['-l', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	await run.waitForScreen('#1 TCP 127.0.0.1');
	peer.socket.write('bye\n');
	await run.waitForScreen('#1 received 4 B bye\\x0a');
	peer.socket.end();
	// Today's code left the screen here; what the client sent stays readable, and why it ended.
	await run.waitForScreen(/ENDED: client 127\.0\.0\.1:\d+ left/);
	await run.waitForScreen(/#1 TCP .* closed: by peer/);
	assert.match(run.screen(), /#1 received 4 B bye\\x0a/);
	run.type('q');
	await assertRestored(run, 0);
	assert.match(run.screen(), /netcrab-tui: 1 peer, received 4 B, sent 0 B/);
});

test('resize redraws at the new size; SIGTERM restores the terminal', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 100, rows: 30});
	t.after(() => run.kill());
	await listeningPort(run);
	run.resize(60, 16);
	// The whole frame at the new size: status bar on the last line, nothing wider than 60.
	await run.waitForScreen(
		rows =>
			rows.length === 16 &&
			/^ TCP \| fwd none .*F1 help {2}\^C quit ?$/.test(rows[15]!) &&
			rows.every(row => row.length <= 60) &&
			/All peers/.test(rows[0]!),
	);
	process.kill(run.cliPid(), 'SIGTERM');
	await assertRestored(run, 143);
});

test('NO_COLOR paints no colours; SIGHUP (SSH dropped) restores the terminal', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24, env: {NO_COLOR: '1'}});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	peer.socket.write('coloured?\n');
	await run.waitForScreen('#1 received 10 B coloured?\\x0a');
	assert.doesNotMatch(run.output(), /\x1b\[(?:\d+;)*(?:3[0-79]|9[0-7]|38;5;\d+)m/, 'no foreground colour codes');
	process.kill(run.cliPid(), 'SIGHUP');
	await assertRestored(run, 129);
});

test('a target that refuses is listed as reconnecting (-R)', async t => {
	const port = await closedPort();
	const run = startInPty(['-R', `127.0.0.1:${port}`], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await run.waitForScreen(new RegExp(`TCP -> 127\\.0\\.0\\.1:${port} reconnecting`));
	await run.waitForScreen(/\* cannot connect to 127\.0\.0\.1:\d+: connection refused/);
	run.type('\x03');
	await assertRestored(run, 130);
});
