// Issue 15, item 10: pairing by hand in channel modes, through a real pseudo-terminal at 80x24,
// with socat as the two peers that are paired (bytes both ways) and plain sockets as their former
// partners.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {spawnPeer} from '../helpers/openssl-peers.js';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

const down = '\x1b[B';
const markOrPair = '\x02';
const unpair = '\x12';

test('item 10: mark #1, pair it with #4: both rows show it at once, #2 and #3 are unpaired, bytes flow both ways', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-f', 'channels', '--pair-same-host'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const one = spawnPeer(t, 'socat', ['-', `TCP:127.0.0.1:${port}`]);
	await run.waitForScreen(/#1 TCP /);
	const two = await connectPeer(port);
	await run.waitForScreen(/#2 .* <-> #1$/m);
	const three = await connectPeer(port);
	await run.waitForScreen(/#3 TCP /);
	const four = spawnPeer(t, 'socat', ['-', `TCP:127.0.0.1:${port}`]);
	await run.waitForScreen(/#4 .* <-> #3$/m);
	t.after(() => {
		two.socket.destroy();
		three.socket.destroy();
	});

	// The list: All peers, #1..#4, the listener. Down selects #1.
	run.type(down);
	await run.waitForScreen(/^> #1 /m);
	run.type(markOrPair);
	await run.waitForScreen(/#1 \(marked\)/);
	run.type(down + down + down);
	await run.waitForScreen(/^> #4 /m);
	run.type(markOrPair);
	await run.waitForScreen('Paired #1 <-> #4 by hand; #2 and #3 now unpaired');
	const rows = run.screen();
	assert.match(rows, /#1 .* <-> #4$/m);
	assert.match(rows, /#4 .* <-> #1$/m);
	assert.match(rows, /#2 .* waiting for a partner$/m);
	assert.match(rows, /#3 .* waiting for a partner$/m);
	assert.doesNotMatch(rows, /\(marked\)/);

	one.child.stdin!.write('from one\n');
	assert.equal((await four.waitForStdout(9)).toString(), 'from one\n');
	four.child.stdin!.write('from four\n');
	assert.equal((await one.waitForStdout(10)).toString(), 'from four\n');
	assert.equal(two.received().length + three.received().length, 0, 'the former partners got nothing');

	// Ctrl-R on #4 unpairs it from #1; both stay connected.
	run.type(unpair);
	await run.waitForScreen('Unpaired #4 and #1 (both stay connected)');
	await run.waitForScreen(
		rows => rows.some(row => /#1 .* waiting for a partner$/.test(row)) && rows.some(row => /#4 .* waiting/.test(row)),
	);
	assert.ok(run.rows().every(row => row.length <= 80));
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 10: pairing by hand outside a channel mode is refused with a notice', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-f', 'hub'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const peer = await connectPeer(port);
	t.after(() => peer.socket.destroy());
	await run.waitForScreen(/#1 TCP /);
	run.type(down + markOrPair);
	await run.waitForScreen('Pairing by hand needs a channel mode (Ctrl-F switches)');
	run.type('\x03');
	await assertRestored(run, 130);
});
