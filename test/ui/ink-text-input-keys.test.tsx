// Why the prompts and the line-mode input keep their own editor (ui/line-editor.ts) rather than
// ink-text-input 6: the ink-text-input section asked for a test before deciding. These
// tests run ink-text-input itself, wired as netcrab-tui would wire it, and show it losing keys.
// If one of them starts failing, ink-text-input (or Ink's input parser) changed: look again.
import assert from 'node:assert/strict';
import {readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {useState} from 'react';
import TextInput from 'ink-text-input';
import {cleanup, render} from 'ink-testing-library';
import pty from '@lydell/node-pty';
import {Condition} from '../helpers/condition.js';
import {testEnv} from '../helpers/term.js';

afterEach(() => cleanup());

const probePath = fileURLToPath(new URL('../fixtures/ink-text-input-probe.js', import.meta.url));
const settle = () => new Promise(resolve => setImmediate(resolve));

test('ink-text-input: keys after an escape sequence in one read edit stale props (typed "ab", Left, "c" gives "c")', async () => {
	const values: string[] = [];
	function Field() {
		const [value, setValue] = useState('');
		values.push(value);
		return <TextInput value={value} onChange={setValue} />;
	}
	const ui = render(<Field />);
	await settle();
	// Ink's input parser splits one read at escape sequences and hands the pieces over one after the
	// other before React renders again; each piece is applied to the value of the last render.
	ui.stdin.write('ab\x1b[Dc');
	await settle();
	await settle();
	assert.equal(values.at(-1), 'c', 'what ink-text-input 6 makes of it (readline would give "acb")');
});

test('ink-text-input in a real pty: a pasted 300-character line with its Enter is not submitted (the CR becomes text)', async t => {
	const output = path.join(tmpdir(), `ink-text-input-probe-${process.pid}`);
	t.after(() => rmSync(output, {force: true}));
	const child = pty.spawn(process.execPath, [probePath, output], {cols: 80, rows: 24, env: testEnv()});
	t.after(() => child.kill('SIGKILL'));
	let screen = '';
	let exited: string | undefined;
	const changed = new Condition();
	child.onData(data => {
		screen += data;
		changed.notify();
	});
	child.onExit(({exitCode, signal}) => {
		exited = `the probe exited (code ${exitCode}, signal ${signal})`;
		changed.notify();
	});
	// The probe loads Ink unbundled (hundreds of files): on a cold, busy machine that took over 10 s.
	const until = (text: string, timeoutMs = 10_000) =>
		changed.until(() => (screen.includes(text) ? true : undefined), text, {
			timeoutMs,
			failed: () => exited,
			seen: () => screen.slice(-300),
		});
	await until('probe ready, length 0', 60_000);
	const line = Array.from({length: 300}, (_, index) => String.fromCharCode(97 + (index % 26))).join('');
	child.write(`${line}\r`);
	// Ink hands "text\r" over as one input; ink-text-input inserts it whole, Enter included.
	await until('probe ready, length 301');
	assert.throws(() => readFileSync(output), /ENOENT/, 'nothing was submitted');
});
