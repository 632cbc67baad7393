// Issue 15 item 6 and the ink-text-input section, through a real pseudo-terminal at 80x24 against
// a real loopback peer: readline keys in line mode, and 300 characters typed one write at a time
// (1 ms apart) or pasted in one write all reach the peer, in line mode and in a prompt.
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test, type TestContext} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {connectPeer, type Peer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty, type PtyRun} from '../helpers/term.js';

const size = {columns: 80, rows: 24};

/** The UI listening in line mode (-i stdin-nochar) with one peer connected. */
async function lineModeWithPeer(t: TestContext): Promise<{run: PtyRun; peer: Peer}> {
	const run = startInPty(['-L', '127.0.0.1:0', '-i', 'stdin-nochar'], size);
	t.after(() => run.kill());
	const peer = await connectPeer(await listeningPort(run));
	t.after(() => peer.socket.destroy());
	await run.waitForScreen('#1 TCP 127.0.0.1');
	await run.waitForScreen('[line] to All peers >');
	return {run, peer};
}

/** 300 characters that show a lost, doubled or reordered one: a cycle of 62 letters and digits. */
const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const text300 = Array.from({length: 300}, (_, index) => alphabet[index % alphabet.length]).join('');

async function typeOneByOne(run: PtyRun, text: string): Promise<void> {
	for (const char of text) {
		run.type(char);
		await delay(1);
	}
}

test('item 6: Home/End move in a typed line, Ctrl-U deletes to the start, Ctrl-W a word, Ctrl-P/Ctrl-N walk the history', async t => {
	const {run, peer} = await lineModeWithPeer(t);
	let expected = '';
	const sent = async (line: string) => {
		expected += `${line}\n`;
		assert.equal((await peer.waitFor(Buffer.byteLength(expected))).toString(), expected);
	};
	// Home and End (xterm's CSI H / CSI F) move in the line instead of steering the log.
	run.type('hello world');
	run.type('\x1b[H');
	run.type('>');
	run.type('\x1b[F');
	run.type('<\r');
	await sent('>hello world<');
	// Ctrl-W deletes the word before the cursor; Ctrl-U everything before the cursor.
	run.type('keep this gone\x17that\r');
	await sent('keep this that');
	run.type('drop all of this but\x1b[D\x1b[D\x1b[D\x15 ');
	await run.waitForScreen('[line] to All peers >  but');
	run.type('\r');
	await sent(' but');
	// Ctrl-P twice goes back two lines; Ctrl-N forward again; the line comes back to be edited.
	run.type('draft');
	run.type('\x10\x10');
	await run.waitForScreen('[line] to All peers > keep this that');
	run.type('\x0e');
	await run.waitForScreen(/\[line\] to All peers > {2}but/);
	run.type('\x0e');
	await run.waitForScreen('[line] to All peers > draft');
	run.type('\x10\x10!\r');
	await sent('keep this that!');
	// Help lists the keys (it scrolls at 24 rows).
	run.type('\x1bOP');
	await run.waitForScreen(/Ctrl-P\/N +line mode: previous \/ next line sent/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('line mode: 300 characters typed as separate writes 1 ms apart, then pasted in one write, all reach the peer', async t => {
	const {run, peer} = await lineModeWithPeer(t);
	await typeOneByOne(run, text300);
	run.type('\r');
	assert.equal((await peer.waitFor(301)).toString(), `${text300}\n`);
	// A paste with its Enter: one read holds all of it.
	run.type(`${text300}\r`);
	assert.equal((await peer.waitFor(602)).toString(), `${text300}\n${text300}\n`);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('a prompt (F8, the file path): a 300-character path typed 1 ms apart, then pasted, is taken whole', async t => {
	// A real file behind a 300-character path: what arrives at the peer proves the prompt got every character.
	const root = mkdtempSync(path.join(tmpdir(), 'netcrab-prompt-'));
	t.after(() => rmSync(root, {recursive: true, force: true}));
	let file = root;
	while (file.length < 290) file = path.join(file, alphabet.slice(0, Math.min(60, 290 - file.length - 1)));
	mkdirSync(path.dirname(file), {recursive: true});
	file = file.slice(0, 300);
	file = path.join(path.dirname(file), path.basename(file).padEnd(300 - path.dirname(file).length - 1, 'x'));
	assert.equal(file.length, 300);
	writeFileSync(file, 'file one\n');

	const {run, peer} = await lineModeWithPeer(t);
	run.type('\x1b[19~');
	await run.waitForScreen('send file to All peers (Esc cancels) >');
	await typeOneByOne(run, file);
	run.type('\r');
	assert.equal((await peer.waitFor(9)).toString(), 'file one\n');
	await run.waitForScreen(/Sent \w+ to All peers: 9 B/);
	run.type('\x1b[19~');
	await run.waitForScreen('send file to All peers (Esc cancels) >');
	run.type(`${file}\r`);
	assert.equal((await peer.waitFor(18)).toString(), 'file one\nfile one\n');
	run.type('\x03');
	await assertRestored(run, 130);
});
