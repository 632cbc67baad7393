// Issue 15 item 7 through a real pseudo-terminal at 80x24 against a real loopback peer: with
// escapes on (F7), `\x00\xff` typed in line mode leaves as exactly those two bytes, and the log
// shows them as sent.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

test('item 7: F7 escapes: \\x00\\xff is sent as two bytes, \\r\\n as a line end, a bad escape keeps the line', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-i', 'stdin-nochar'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	await run.waitForScreen('#1 TCP 127.0.0.1');
	run.type('\x1b[18~');
	await run.waitForScreen('[line esc] to All peers >');
	await run.waitForScreen('| line esc |');
	run.type('\\x00\\xff\r');
	// Exactly two bytes: Enter adds no line end under escapes; the next line shows nothing else came.
	assert.deepEqual([...(await peer.waitFor(2))], [0x00, 0xff]);
	await run.waitForScreen('sent -> #1 2 B \\x00\\xff');
	run.type('GET / HTTP/1.0\\r\\n\\r\\n\r');
	assert.equal((await peer.waitFor(20)).subarray(2).toString(), 'GET / HTTP/1.0\r\n\r\n');
	// A typo is refused, not guessed at: the line stays for fixing.
	run.type('C:\\dir\r');
	await run.waitForScreen(/Not sent: \\d is not an escape/);
	await run.waitForScreen('[line esc] to All peers > C:\\dir');
	// F7 again: a line is sent as typed, with its line end.
	run.type('\x15\x1b[18~');
	await run.waitForScreen('[line] to All peers >');
	run.type('\\x41\r');
	assert.equal((await peer.waitFor(25)).subarray(20).toString(), '\\x41\n');
	run.type('\x03');
	await assertRestored(run, 130);
});
