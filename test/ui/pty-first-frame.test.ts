// The UI's first frame is drawn once the session started: it already shows the listener, instead
// of an empty list followed by a second frame (issue 11, start-up).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {startInPty} from '../helpers/term.js';

test('the first frame already shows the listener', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 100, rows: 30});
	t.after(() => run.kill());
	// Checked after each write the screen takes in: the first screen with the connection list.
	const rows = await run.waitForScreen(current => current[0]?.includes('All peers (') === true);
	assert.match(rows.split('\n')[1] ?? '', /TCP 127\.0\.0\.1:\d+ listening/);
	run.type('\x03');
	await run.exited;
});

test('a CI variable in the environment does not blank the screen (Ink would draw only at exit)', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 100, rows: 30, env: {CI: 'true', CONTINUOUS_INTEGRATION: '1'}});
	t.after(() => run.kill());
	await run.waitForScreen(current => current[0]?.includes('All peers (') === true);
	run.type('\x03');
	await run.exited;
});
