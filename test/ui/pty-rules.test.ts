// The UI shows every rule it applies (issue 10, items 6-9): its -m default and the listener's
// client count, each peer's channel partner or why it has none, half-closed / UDP / closed
// states, and --stats. Through a real pseudo-terminal against real loopback peers.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listenerWithTwoPeers, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

test('item 6: a bare -L in the UI takes three clients (-m 10) and the listener row counts them', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const peers = [await connectPeer(port), await connectPeer(port), await connectPeer(port)];
	t.after(() => {
		for (const peer of peers) peer.socket.destroy();
	});
	// Today the second and third client were refused (plain netcat's -m 1).
	await run.waitForScreen('#3 TCP 127.0.0.1');
	await run.waitForScreen(/TCP 127\.0\.0\.1:\d+ listening {2}clients 3\/10/);
	assert.doesNotMatch(run.screen(), /Refused/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 6: with -m 1 a refused client is counted on the listener row', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-m', '1'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const first = await connectPeer(port);
	await run.waitForScreen('#1 TCP 127.0.0.1');
	const second = await connectPeer(port);
	t.after(() => {
		first.socket.destroy();
		second.socket.destroy();
	});
	await run.waitForScreen(/listening {2}clients 1\/1, 1 refused \(-m\)/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 7: channels show each partner, or why there is none, readable at 80 columns', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-f', 'channels'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const a = await connectPeer(port);
	await run.waitForScreen(/#1 TCP .* waiting for a partner$/m);
	const b = await connectPeer(port);
	// Two peers of one host are never paired: the row says so instead of a silent gap.
	await run.waitForScreen(/#2 .* same host as #1$/m);
	const c = await connectPeer(port, '127.0.0.1', '127.0.0.2');
	t.after(() => {
		for (const peer of [a, b, c]) peer.socket.destroy();
	});
	await run.waitForScreen(/#3 .* <-> #1$/m);
	await run.waitForScreen(/#1 .* <-> #3$/m);
	assert.match(run.screen(), /#2 .* waiting for a partner$/m);
	assert.ok(run.rows().every(row => row.length <= 80));
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 7: --pair-same-host pairs two peers of one machine', async t => {
	const {run, a, b} = await listenerWithTwoPeers(t, ['-L', '127.0.0.1:0', '-f', 'channels', '--pair-same-host'], {columns: 80, rows: 24});
	await run.waitForScreen(/#2 .* <-> #1$/m);
	a.socket.write('through\n');
	assert.equal((await b.waitFor(8)).toString(), 'through\n');
	// Item 8: a peer that sent its FIN shows as half-closed (its partner got the FIN).
	a.socket.end();
	await run.waitForScreen(/#1 .* peer half-closed/);
	await b.ended;
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 8: a UDP peer is a `peer`, not `connected`', async t => {
	const run = startInPty(['-u', '-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const screen = await run.waitForScreen(/UDP 127\.0\.0\.1:(\d+) listening/);
	const port = Number(screen.match(/UDP 127\.0\.0\.1:(\d+) listening/)![1]);
	const socket = dgram.createSocket('udp4');
	t.after(() => socket.close());
	socket.send('hello udp\n', port, '127.0.0.1');
	await once(socket, 'listening');
	await run.waitForScreen(/#1 UDP .* peer {1,2}in 10 B/);
	assert.doesNotMatch(run.screen(), /#1 UDP .* connected/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 9: --stats shows rates in each row and totals in the status bar', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '--stats'], {columns: 140, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	peer.socket.write('12345');
	await run.waitForScreen('#1 received 5 B 12345');
	await run.waitForScreen(/#1 TCP .* in 5 B out 0 B rx \d+(\.\d+)? k?i?B\/s tx 0 B\/s/);
	await run.waitForScreen(/\| in 5 B out 0 B +F1 help/);
	run.type('\x03');
	await assertRestored(run, 130);
});
