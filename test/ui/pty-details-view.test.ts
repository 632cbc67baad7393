// Issue 15, items 1 and 2: a long payload read whole in the details view (text and hex), the
// `... N more` note kept in view, the wrap toggle, and notices that wrap instead of being cut.
// Through a real pseudo-terminal at 80x24 against a real loopback peer.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty, type PtyRun} from '../helpers/term.js';

// Keystroke mode (the default): Tab goes to the peer, Shift-Tab moves the focus (input -> log).
const shiftTab = '\x1b[Z';
const enter = '\r';
const end = '\x1b[F';
const home = '\x1b[H';
const f4 = '\x1bOS';

/** The rows of the log region joined as one text, wrapped rows put back together. */
function unwrapped(run: PtyRun): string {
	return run
		.rows()
		.map(row => row.replace(/^ {2}/, ''))
		.join('');
}

test('item 1: the last bytes of a 5000-byte line are readable in the details view, as text and as hex', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	const payload = `${'x'.repeat(4980)}TAIL-OF-5000-BYTES!`;
	assert.equal(payload.length, 4999);
	peer.socket.write(`${payload}\n`);
	await run.waitForScreen('#1 received 4.88 KiB');
	// Cut at the screen edge, the line keeps its note: today the note was cut off with the payload.
	await run.waitForScreen(/#1 received 4\.88 KiB x+ \.\.\. 3\.88 KiB more$/m);
	run.type(shiftTab);
	await run.waitForScreen('cursor, Enter: details');
	run.type(enter);
	await run.waitForScreen(/-- Entry \(text, Ctrl-X\) -- lines 1-\d+ of \d+ -- Esc closes/);
	assert.match(run.screen(), /kept 4\.88 KiB/);
	assert.doesNotMatch(unwrapped(run), /TAIL-OF-5000/);
	run.type(end);
	await run.waitForScreen(() => unwrapped(run).includes('TAIL-OF-5000-BYTES!\\x0a'));
	// The same bytes as a hex dump: the last row of 16 holds the tail.
	run.type('\x18');
	await run.waitForScreen('-- Entry (hex, Ctrl-X)');
	run.type(end);
	await run.waitForScreen(/^1370 {2}78 78 78 78 54 41 49 4c {2}2d 4f 46 2d 35 30 30 30 {2}\|xxxxTAIL-OF-5000\|$/m);
	await run.waitForScreen(/^1380 {2}2d 42 59 54 45 53 21 0a +\|-BYTES!\.\|$/m);
	run.type(home);
	await run.waitForScreen(/^0000 {2}78 78 78/m);
	run.type('\x1b');
	await run.waitForScreen('-- Traffic (hex, Ctrl-X) -- cursor, Enter: details');
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 1: F4 wraps long log lines (the note is the end of the wrapped line) and F4 again cuts them', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	peer.socket.write(`${'0123456789'.repeat(20)}END\n`);
	await run.waitForScreen('#1 received 204 B 0123');
	assert.doesNotMatch(run.screen(), /END/);
	run.type(f4);
	await run.waitForScreen('-- Traffic (text, Ctrl-X) -- wrap');
	await run.waitForScreen(() => unwrapped(run).includes('78901234567890123456789END\\x0a'));
	const wrapped = run.rows().filter(row => /0123456789/.test(row));
	assert.ok(wrapped.length >= 3, `${wrapped.length} rows`);
	assert.ok(run.rows().every(row => row.length <= 80));
	run.type(f4);
	await run.waitForScreen(rows => !rows.some(row => row.includes('END')));
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 2: a notice too long for the row wraps onto the next row instead of being cut', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await listeningPort(run);
	// Ctrl-K with All peers selected answers with an 82-column notice; today it was cut at 80.
	run.type('\x0b');
	await run.waitForScreen(/\* Select one peer with Up\/Down first; Ctrl-K closes the selected\n {2}peer$/m);
	assert.ok(run.rows().every(row => row.length <= 80));
	run.type('\x03');
	await assertRestored(run, 130);
});
