// Bad input through the CLI: one line, the right exit status, no stack trace.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {listenPeer} from '../helpers/peers.js';

function assertOneLine(stderr: string, pattern: RegExp): void {
	const lines = stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `one line expected, got:\n${stderr}`);
	assert.match(lines[0]!, /^netcrab-tui: /);
	assert.match(lines[0]!, pattern);
	assert.doesNotMatch(stderr, /\bat .*\.js:\d+/, 'no stack trace');
}

const usage: Array<[string[], RegExp]> = [
	[['--bogus'], /unknown option --bogus/],
	[['-L', '127.0.0.1:70000'], /bad port "70000"/],
	[['host:abc'], /bad port "abc"/],
	[['-l', '*', '-L', '*'], /-l and -L cannot be used together/],
	[['-L', '*', '-r'], /need a target/],
	[['-u', '--keepalive', '3', '-L', '*'], /--keepalive is for TCP and cannot be used with -u/],
	[['-L', '*', '--sdrop', '2'], /bad probability "2"/],
	[['-L', '[::1'], /missing "]"/],
	[[], /nothing to do/],
];

for (const [args, pattern] of usage) {
	test(`usage error exits 2: ${args.join(' ') || '(no arguments)'}`, async () => {
		const {code, stderr, stdout} = await runCli(args);
		assert.equal(code, 2);
		assertOneLine(stderr, pattern);
		assert.match(stderr, /see --help/);
		assert.equal(stdout.length, 0);
	});
}

test('--help and --version answer on stdout with status 0', async () => {
	const help = await runCli(['--help']);
	assert.equal(help.code, 0);
	assert.match(help.stdout.toString(), /Usage[^]*-L ADDRESS[^]*--fm MODE/);
	const version = await runCli(['--version']);
	assert.equal(version.code, 0);
	assert.match(version.stdout.toString(), /^\d+\.\d+\.\d+/);
});

test('port in use: one line, exit 1, and the other listener is not left open', async () => {
	const taken = await listenPeer();
	try {
		const {code, stderr} = await runCli(['-L', '127.0.0.1:0', '-L', `127.0.0.1:${taken.port}`]);
		assert.equal(code, 1);
		assert.match(stderr, /^Listening on 127\.0\.0\.1:\d+/m);
		assert.match(
			stderr.trimEnd().split('\n').at(-1)!,
			new RegExp(`^netcrab-tui: cannot listen on 127\\.0\\.0\\.1:${taken.port}: address already in use \\(EADDRINUSE\\)$`),
		);
	} finally {
		taken.close();
	}
});

test('unresolvable host: one line, exit 1', async () => {
	const {code, stderr} = await runCli(['no-such-host.invalid:80']);
	assert.equal(code, 1);
	assertOneLine(stderr, /cannot resolve "no-such-host\.invalid": ENOTFOUND/);
});

test('every target refused: exit 1; one of two accepted: exit 0', async () => {
	const closed = await listenPeer();
	const closedPort = closed.port;
	closed.close();
	const refused = await runCli([`127.0.0.1:${closedPort}`]);
	assert.equal(refused.code, 1);
	assertOneLine(refused.stderr, /cannot connect to 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)/);

	const open = await listenPeer('127.0.0.1', {answerFin: true});
	try {
		const partly = await runCli([`127.0.0.1:${closedPort}`, `127.0.0.1:${open.port}`], 'x');
		assert.match(partly.stderr, /netcrab-tui: cannot connect to 127\.0\.0\.1:\d+: connection refused/);
		assert.equal(partly.code, 0, partly.stderr);
	} finally {
		open.close();
	}
});

test('each resolved address is tried in order until one connects', async () => {
	const server = await listenPeer('127.0.0.1', {answerFin: true});
	try {
		// "localhost" resolves to 127.0.0.1 (and ::1 on some machines, where nothing listens).
		const {code, stderr} = await runCli(['-v', `localhost:${server.port}`], 'hi');
		assert.equal(code, 0, stderr);
		assert.match(stderr, /Connected from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+/);
	} finally {
		server.close();
	}
});
