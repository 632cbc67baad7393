// Issue 9 case 4: a keyboard in plain mode (--no-tui on a terminal), through a real pseudo-terminal.
// Rules: source/local/keyboard-keys.ts.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {listenPeer} from '../helpers/peers.js';
import {startInPty} from '../helpers/term.js';

async function typeToPeer(t: {after(fn: () => void): void}, flags: string[], typed: string, expected: string) {
	const server = await listenPeer();
	t.after(() => server.close());
	const run = startInPty(['--no-tui', ...flags, `127.0.0.1:${server.port}`], {columns: 80, rows: 12});
	t.after(() => run.kill());
	const peer = await server.accepted();
	await run.waitForScreen('Connected from');
	run.type(typed);
	assert.equal((await peer.waitFor(expected.length)).toString(), expected);
	return {run, peer};
}

test('plain keystroke mode: Enter sends \\n, even when keys arrive together; the echo ends the line so a reply starts on its own', async t => {
	const {run, peer} = await typeToPeer(t, [], 'hi\r', 'hi\n');
	peer.socket.write('pong\n');
	const screen = await run.waitForScreen('pong');
	const rows = screen.split('\n');
	assert.ok(rows.includes('hi'), `the typed line stands alone:\n${screen}`);
	assert.ok(rows.includes('pong'), `the reply stands alone:\n${screen}`);
});

test('plain keystroke mode with -C: Enter sends \\r\\n', async t => {
	await typeToPeer(t, ['-C'], 'one\rtwo\r', 'one\r\ntwo\r\n');
});

test('plain keystroke mode: Backspace is sent as typed and erased from the echo', async t => {
	const {run} = await typeToPeer(t, [], 'ab\x7fc\r', 'ab\x7fc\n');
	const screen = await run.waitForScreen(/^ac$/m);
	assert.doesNotMatch(screen, /abc/);
});

test('plain line mode (-i stdin-nochar): Backspace edits the line before it is sent; Enter sends \\n', async t => {
	await typeToPeer(t, ['-i', 'stdin-nochar'], 'helo\x7flo\r', 'hello\n');
});

test('plain line mode with -C: the line ends in \\r\\n', async t => {
	await typeToPeer(t, ['-i', 'stdin-nochar', '-C'], 'helo\x7flo\r', 'hello\r\n');
});
