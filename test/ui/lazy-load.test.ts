import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {cliPath, unbundledCliPath} from '../helpers/cli.js';
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
	const {files, packages} = staticGraph(unbundledCliPath);
	assert.ok(files.size > 5, 'the graph was followed');
	assert.ok(packages.has('node:util'), 'the graph reached command-line.js');
	for (const name of ['ink', 'react', 'ink-text-input', 'react/jsx-runtime']) assert.ok(!packages.has(name), name);
	assert.deepEqual(
		[...files].filter(file => file.includes('/ui/')),
		[],
	);
});

interface Metafile {
	outputs: Record<string, {imports: Array<{path: string; kind: string}>; inputs: Record<string, unknown>}>;
}

/** The bundle's outputs that `start` loads statically, and the source files inside them. */
function bundleClosure(meta: Metafile, start: string): {outputs: Set<string>; inputs: string[]} {
	const outputs = new Set<string>();
	const visit = (output: string) => {
		if (outputs.has(output) || !meta.outputs[output]) return;
		outputs.add(output);
		for (const item of meta.outputs[output].imports) if (item.kind === 'import-statement') visit(item.path);
	};
	visit(start);
	return {outputs, inputs: [...outputs].flatMap(output => Object.keys(meta.outputs[output]!.inputs))};
}

test('the bundle keeps Ink and React in a chunk that only the UI loads', () => {
	const metaPath = fileURLToPath(new URL('../../bundle-meta.json', import.meta.url));
	const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
	const [cliChunk] = Object.keys(meta.outputs).filter(output => 'source/cli.tsx' in meta.outputs[output]!.inputs);
	assert.ok(cliChunk, 'a chunk holds source/cli.tsx');
	const plain = bundleClosure(meta, cliChunk);
	assert.ok(plain.inputs.includes('source/plain.ts'));
	const uiOnly = /node_modules\/(ink|react|react-reconciler|yoga-layout)\/|^source\/ui\//;
	assert.deepEqual(
		plain.inputs.filter(input => uiOnly.test(input)),
		[],
	);
	// The launcher (dist/bundle/cli.cjs) answers --version alone: no package and not plain mode.
	const launcher = bundleClosure(meta, 'dist/bundle/cli.cjs');
	assert.deepEqual(
		launcher.inputs.filter(input => input.includes('node_modules/') || input === 'source/plain.ts'),
		[],
	);
	// ...and the UI chunk, loaded by import(), does hold Ink.
	const uiChunk = Object.keys(meta.outputs).find(output => 'source/ui/run-ui.tsx' in meta.outputs[output]!.inputs);
	assert.ok(uiChunk && Object.keys(meta.outputs[uiChunk]!.inputs).some(input => input.includes('node_modules/ink/')));
});

test('the launcher answers --version alone: it runs without the rest of the bundle', t => {
	// A package laid out like the installed one, holding the launcher and package.json only.
	const root = mkdtempSync(join(tmpdir(), 'netcrab-launcher-'));
	t.after(() => rmSync(root, {recursive: true, force: true}));
	mkdirSync(join(root, 'dist', 'bundle'), {recursive: true});
	copyFileSync(cliPath, join(root, 'dist', 'bundle', 'cli.cjs'));
	copyFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), join(root, 'package.json'));
	const run = (argument: string) =>
		spawnSync(process.execPath, [join(root, 'dist', 'bundle', 'cli.cjs'), argument], {encoding: 'utf8', timeout: 30_000});
	const version = run('--version');
	assert.equal(version.status, 0, version.stderr);
	assert.match(version.stdout, /^\d+\.\d+\.\d+/);
	// Anything else needs main.js, which is missing here: one line, exit 1.
	const help = run('--help');
	assert.equal(help.status, 1);
	assert.match(help.stderr, /^netcrab-tui: internal error: .*main\.js/);
});

test('a plain TCP run loads neither tls nor crypto (Node loads them on first use)', async t => {
	const server = net.createServer(socket => socket.destroy()).listen(0, '127.0.0.1');
	await once(server, 'listening');
	t.after(() => server.close());
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-preload-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const preload = join(directory, 'report-modules.mjs');
	writeFileSync(preload, "process.on('exit', () => process.stderr.write('MODULES ' + process.moduleLoadList.join(',') + '\\n'));\n");
	const {port} = server.address() as net.AddressInfo;
	const probe = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, cliPath, '-z', `127.0.0.1:${port}`], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	assert.equal(probe.status, 0, probe.stderr);
	const loaded = /^MODULES (.*)$/m.exec(probe.stderr)?.[1]?.split(',') ?? [];
	assert.ok(loaded.includes('NativeModule net'), 'the list was read');
	for (const name of ['tls', '_tls_wrap', 'crypto']) assert.ok(!loaded.includes(`NativeModule ${name}`), name);
});

test('--no-tui on a terminal runs plain mode: no alternate screen', async t => {
	const run = startInPty(['--no-tui', '-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await run.waitForScreen(/Listening on 127\.0\.0\.1:\d+, protocol TCP/);
	assert.ok(!run.output().includes('\x1b[?1049h'));
	run.type('\x03');
	await run.exited;
});
