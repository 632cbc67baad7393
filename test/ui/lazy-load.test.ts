import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {test} from 'node:test';
import {cliPath} from '../helpers/cli.js';
import {startInPty} from '../helpers/term.js';

/** Every module cli.js loads statically (dynamic import() excluded), and the packages they name. */
function staticGraph(entry: string): {files: Set<string>; packages: Set<string>} {
	const files = new Set<string>();
	const packages = new Set<string>();
	const visit = (file: string) => {
		if (files.has(file)) return;
		files.add(file);
		const source = readFileSync(file, 'utf8');
		for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
			const specifier = (match[1] ?? match[2])!;
			if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
			else packages.add(specifier);
		}
	};
	visit(entry);
	return {files, packages};
}

test('plain mode loads neither Ink nor React: the UI is imported lazily', () => {
	const {files, packages} = staticGraph(cliPath);
	assert.ok(files.size > 5, 'the graph was followed');
	assert.ok(packages.has('meow'));
	for (const name of ['ink', 'react', 'ink-text-input', 'react/jsx-runtime']) assert.ok(!packages.has(name), name);
	assert.deepEqual([...files].filter(file => file.includes('/ui/')), []);
});

test('--no-tui on a terminal runs plain mode: no alternate screen', async t => {
	const run = startInPty(['--no-tui', '-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await run.waitForScreen(/Listening on 127\.0\.0\.1:\d+, protocol TCP/);
	assert.ok(!run.output().includes('\x1b[?1049h'));
	run.type('\x03');
	await run.exited;
});
