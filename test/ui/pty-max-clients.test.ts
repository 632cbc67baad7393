// Issue 15, item 12: changing -m of a listener from its row, through a real pseudo-terminal at
// 80x24 against real loopback clients.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

test('item 12: with -m 1 a second client is refused; after raising -m to 2 from the UI one more is taken', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-m', '1'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const first = await connectPeer(port);
	await run.waitForScreen(/#1 TCP /);
	const refused = await connectPeer(port);
	t.after(() => {
		first.socket.destroy();
		refused.socket.destroy();
	});
	await run.waitForScreen(/listening {2}clients 1\/1, 1 refused \(-m\)/);
	await refused.ended;

	// All peers, #1, the listener (listeners come last).
	run.type('\x1b[B\x1b[B');
	await run.waitForScreen(/^> +TCP 127\.0\.0\.1:\d+ listening/m);
	run.type('\x19');
	await run.waitForScreen(`-m (clients at once) for 127.0.0.1:${port} > 1`);
	run.type('\x7f0\r');
	await run.waitForScreen('[expected a whole number from 1 to 1000000]');
	run.type('\x7f2\r');
	await run.waitForScreen(`Listener 127.0.0.1:${port} now takes 2 client(s) at once (-m)`);
	await run.waitForScreen(/listening {2}clients 1\/2, 1 refused/);

	const second = await connectPeer(port);
	t.after(() => second.socket.destroy());
	await run.waitForScreen(/#2 TCP /);
	await run.waitForScreen(/listening {2}clients 2\/2/);
	second.socket.write('taken\n');
	await run.waitForScreen('taken');
	assert.ok(run.rows().every(row => row.length <= 80));
	run.type('\x03');
	await assertRestored(run, 130);
});
