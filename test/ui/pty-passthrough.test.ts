// Issue 15 item 9 through a real pseudo-terminal at 80x24 against a real loopback peer: in
// passthrough (F9) every key leaves as the terminal's bytes, Left, F2 and Ctrl-Z (which suspends
// the UI otherwise) and Ctrl-C (which quits otherwise) included; Ctrl-] hands one key to the UI.
// Compared on this machine (the same keys typed in a pty, a node server as the peer): `socat
// STDIO,rawer,escape=0x1d TCP:...` sends "\x1b[D\x1bOQ\x1ax\r", the same bytes as passthrough (its
// escape character ends the input instead of leading to its own keys); `nc` and `ncat` read a
// cooked terminal, where Ctrl-Z stops them and the peer gets only "x\n".
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

test('item 9: passthrough sends Left, F2, Ctrl-Z, Ctrl-C, Enter and Esc as their sequences; Ctrl-] leads to the UI keys', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	await run.waitForScreen('#1 TCP 127.0.0.1');
	// Keystroke mode drops Left and F10 (F2 opens an endpoint there): the byte after them shows
	// nothing went before it.
	run.type('\x1b[D\x1b[21~a');
	assert.equal((await peer.waitFor(1)).toString(), 'a');
	run.type('\x1b[20~');
	await run.waitForScreen('[pass] to All peers >');
	await run.waitForScreen('| pass |');
	const keys = ['\x1b[D', '\x1bOQ', '\x1a', '\x03', '\r', '\x1b', '\x1b[12~', '\x14', '\x13'];
	for (const key of keys) run.type(key);
	const expected = `a${keys.join('')}`;
	assert.equal((await peer.waitFor(expected.length)).toString('latin1'), expected);
	await run.waitForScreen('[pass] to All peers >');
	// Ctrl-] twice sends one Ctrl-]; Ctrl-] then an unbound key says so and sends nothing.
	run.type('\x1d');
	await run.waitForScreen('| pass ^] |');
	run.type('\x1d');
	await run.waitForScreen('| pass |');
	run.type('\x1dq');
	await run.waitForScreen(/Ctrl-\] q: not a UI key/);
	run.type('z');
	assert.equal((await peer.waitFor(expected.length + 2)).toString('latin1'), `${expected}\x1dz`);
	// Ctrl-] F9 leaves passthrough: Left is dropped again, as keystroke mode does.
	run.type('\x1d\x1b[20~');
	await run.waitForScreen('[keys] to All peers >');
	run.type('\x1b[Db');
	assert.equal((await peer.waitFor(expected.length + 3)).toString('latin1'), `${expected}\x1dzb`);
	// Back in passthrough, Ctrl-] Ctrl-C quits (Ctrl-C alone went to the peer above).
	run.type('\x1b[20~');
	await run.waitForScreen('[pass] to All peers >');
	run.type('\x1d\x03');
	await assertRestored(run, 130);
	assert.equal(peer.received().toString('latin1'), `${expected}\x1dzb`);
});
