// The command line as ncat users expect it: -h/--help anywhere prints the help and exits 0, as
// ncat, nc and socat do; --version likewise; unknown options are named as typed; the help lists
// every flag and fits 80 columns; Ctrl-C ends a run with 130 (128 + SIGINT) in plain mode too.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {flagDefinitions} from '../source/options.js';
import {cliPath, runCli, startCliFor} from './helpers/cli.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}).version;

test('--help prints every line within 80 columns, exit 0', async () => {
	const {code, stdout, stderr} = await runCli(['--help']);
	assert.equal(code, 0, stderr);
	assert.equal(stderr, '');
	const text = stdout.toString();
	assert.match(text, /Usage\n {2}\$ netcrab-tui \[options\]/);
	const wide = text.split('\n').filter(line => line.length > 80);
	assert.deepEqual(wide, [], 'lines wider than 80 columns');
});

test('the help lists every flag, short and long forms', async () => {
	const text = (await runCli(['-h'])).stdout.toString();
	for (const [name, definition] of Object.entries(flagDefinitions) as Array<[string, {shortFlag?: string}]>) {
		const long = name === 'tui' ? '--no-tui' : `--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
		assert.match(text, new RegExp(`(^|[\\s,/])${long}\\b`, 'm'), `${long} listed`);
		if (definition.shortFlag)
			assert.match(text, new RegExp(`(^|[\\s,/])-${definition.shortFlag}\\b`, 'm'), `-${definition.shortFlag} listed`);
	}
	assert.match(text, /--version/);
});

// ncat -l 5000 -h, nc -h -l 5000 and socat -h ... all print help whatever else is given.
for (const args of [['-L', '127.0.0.1:0', '--help'], ['-v', '--help'], ['-h', '127.0.0.1:1'], ['-vh'], ['-L', '127.0.0.1:70000', '-h']]) {
	test(`help anywhere wins over everything else: ${args.join(' ')}`, async () => {
		const {code, stdout, stderr} = await runCli(args, undefined, 10_000);
		assert.equal(code, 0, stderr);
		assert.equal(stderr, '', 'nothing listened, nothing refused');
		assert.match(stdout.toString(), /Usage/);
	});
}

for (const args of [['--version'], ['-L', '127.0.0.1:0', '--version'], ['--version', '-v', 'bogus:x']]) {
	test(`--version prints the package version, exit 0: ${args.join(' ')}`, async () => {
		const {code, stdout, stderr} = await runCli(args, undefined, 10_000);
		assert.equal(code, 0, stderr);
		assert.equal(stderr, '');
		assert.equal(stdout.toString(), `${version}\n`);
	});
}

test('after -- a --help is data, not a request for help', async () => {
	const {code, stderr} = await runCli(['127.0.0.1:1', '--', '--help']);
	assert.equal(code, 2, stderr);
	assert.match(stderr, /^netcrab-tui: .*"--help"/);
});

for (const option of ['-V', '-N', '-Q']) {
	test(`unknown short option ${option} is named as typed, exit 2`, async () => {
		const {code, stderr} = await runCli([option, '127.0.0.1:1']);
		assert.equal(code, 2, stderr);
		assert.equal(stderr, `netcrab-tui: unknown option ${option} (see --help)\n`);
	});
}

// On a terminal in plain mode the tty turns Ctrl-C into this same SIGINT (the UI reads it as a
// key instead: test/ui/pty.test.ts checks 130 there).
test('Ctrl-C in plain mode (SIGINT) exits 130', async t => {
	const run = startCliFor(t, ['-L', '127.0.0.1:0']);
	await run.listeningPort();
	run.child.kill('SIGINT');
	assert.deepEqual(await run.exit, {code: 130, signal: null});
});

test('the tests run the bundle that npm ships', () => {
	const {bin} = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {bin: Record<string, string>};
	assert.equal(bin['netcrab-tui'], 'dist/bundle/cli.cjs');
	assert.match(cliPath, /dist\/bundle\/cli\.cjs$/);
});
