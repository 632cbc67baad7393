// The package as npm ships it: `npm pack` in a clean copy of the sources runs `prepare` (the
// bundle), the tarball holds the command and its papers but no sources or tests, and installed
// into a fresh prefix it answers --version and carries a short TCP session.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {connectPeer} from './helpers/peers.js';
import {Condition} from './helpers/condition.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** npm with none of the npm_* variables of an `npm test` around it. */
function npm(args: string[], cwd: string): string {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
	return execFileSync('npm', args, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000});
}

test('npm pack builds the bundle; the installed tarball runs --version and a short listen', async t => {
	const work = mkdtempSync(path.join(tmpdir(), 'netcrab-pack-'));
	t.after(() => rmSync(work, {recursive: true, force: true}));
	// A clean checkout: only what git tracks for the build, no dist/, the repository's node_modules.
	const checkout = path.join(work, 'checkout');
	for (const entry of [
		'package.json',
		'package-lock.json',
		'tsconfig.json',
		'LICENSE',
		'readme.md',
		'CHANGELOG.md',
		'source',
		'scripts',
	]) {
		cpSync(path.join(root, entry), path.join(checkout, entry), {recursive: true});
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(checkout, 'node_modules'));

	const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], checkout)) as Array<{
		filename: string;
		files: Array<{path: string}>;
	}>;
	const files = packed!.files.map(file => file.path);
	for (const wanted of [
		'package.json',
		'LICENSE',
		'readme.md',
		'CHANGELOG.md',
		'dist/bundle/cli.cjs',
		'dist/bundle/THIRD-PARTY-LICENSES.txt',
	])
		assert.ok(files.includes(wanted), `${wanted} in ${files.join(', ')}`);
	assert.ok(
		files.some(file => /^dist\/bundle\/run-ui-.*\.js$/.test(file)),
		'the UI chunk is packed',
	);
	assert.deepEqual(
		files.filter(file => /^(source|test|scripts|bench)\/|^dist\/(source|test)\/|meta\.json$/.test(file)),
		[],
		'no sources, tests or build leftovers',
	);

	// Installed like `npm install -g`, into a prefix of its own: the bundle needs no dependency.
	const prefix = path.join(work, 'prefix');
	npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(work, packed!.filename)], work);
	const command = path.join(prefix, 'bin', 'netcrab-tui');
	const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}).version;
	assert.equal(execFileSync(command, ['--version'], {encoding: 'utf8'}), `${version}\n`);

	// stdin at its end (as from /dev/null): the run ends once the client is done.
	const child = spawn(command, ['-l', '127.0.0.1:0'], {stdio: ['ignore', 'pipe', 'pipe']});
	t.after(() => child.kill('SIGKILL'));
	let stderr = '';
	let stdout = '';
	const changed = new Condition();
	child.stderr.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
		changed.notify();
	});
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
		changed.notify();
	});
	const exit = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	const port = Number(
		(
			await changed.until(() => stderr.match(/Listening on 127\.0\.0\.1:(\d+)/) ?? undefined, 'the Listening on line', {
				timeoutMs: 10_000,
			})
		)[1],
	);
	const peer = await connectPeer(port);
	peer.socket.end('hello from the tarball\n');
	assert.equal(await exit, 0);
	assert.equal(stdout, 'hello from the tarball\n');
});

test('npm test runs every dist/test/**/*.test.js file and no helper, on any Node', () => {
	const listed = execFileSync(process.execPath, [path.join(root, 'scripts/run-tests.js'), '--list'], {encoding: 'utf8'})
		.trim()
		.split('\n');
	const relative = listed.map(file => path.relative(path.join(root, 'dist/test'), file).split(path.sep).join('/'));
	for (const wanted of ['cli.test.js', 'net/udp.test.js', 'integration/udp.test.js', 'ui/pty.test.js', 'package.test.js'])
		assert.ok(relative.includes(wanted), wanted);
	assert.deepEqual(
		relative.filter(file => !file.endsWith('.test.js') || file.startsWith('helpers/')),
		[],
	);
	// The build starts from an empty dist/: a test deleted from test/ does not run on from dist/test.
	const stale = relative.filter(
		file => !['.ts', '.tsx'].some(extension => existsSync(path.join(root, 'test', file.replace(/\.js$/, extension)))),
	);
	assert.deepEqual(stale, [], 'compiled tests without a source');
});

// node-pty 1.1 builds from source on Linux (python3, make, g++); @lydell/node-pty ships binaries.
test('npm install needs no compiler: no package but esbuild has an install script, none uses node-gyp', () => {
	const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
		packages: Record<string, {hasInstallScript?: boolean; dependencies?: Record<string, string>}>;
	};
	const scripted = Object.entries(lock.packages)
		.filter(([, entry]) => entry.hasInstallScript)
		.map(([name]) => name);
	assert.deepEqual(scripted, ['node_modules/esbuild'], 'esbuild only checks its prebuilt binary');
	const gyp = Object.keys(lock.packages).filter(
		name => /(^|\/)node-gyp(-build)?$|(^|\/)node-pty$/.test(name) && !name.includes('@lydell/'),
	);
	assert.deepEqual(gyp, []);
});
