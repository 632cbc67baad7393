// --proxy against real proxies: microsocks (SOCKS5, with and without user/password) and tinyproxy
// (HTTP CONNECT, with and without Basic auth). The target is an echo server of our own.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {runCli, startCliFor, type RunningCli} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';
import {connectPeer, sha256} from '../helpers/peers.js';

function missing(tool: string): string | false {
	return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0 ? false : `${tool} is not installed (.ci/run installs it)`;
}

async function freePort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as net.AddressInfo;
	server.close();
	await once(server, 'close');
	return port;
}

/** A small echo server, for tests that only need the tunnel to open. */
async function echoServer(t: TestContext): Promise<number> {
	const server = net
		.createServer(socket => {
			socket.on('error', () => {});
			socket.pipe(socket);
		})
		.listen(0, '127.0.0.1');
	await once(server, 'listening');
	t.after(() => server.close());
	return (server.address() as net.AddressInfo).port;
}

/**
 * The target for byte-exact checks: it reads `expect` bytes, then sends `reply` and closes.
 * microsocks and tinyproxy close both directions when one side half-closes, so the exchange
 * must not rely on a half-close travelling through the proxy.
 */
async function exchangeServer(t: TestContext, expect: number, reply: Buffer): Promise<{port: number; received: Promise<Buffer>}> {
	let deliver!: (data: Buffer) => void;
	const received = new Promise<Buffer>(resolve => (deliver = resolve));
	const server = net
		.createServer(socket => {
			const chunks: Buffer[] = [];
			let length = 0;
			socket.on('error', () => {});
			socket.on('data', (chunk: Buffer) => {
				chunks.push(chunk);
				length += chunk.length;
				if (length < expect) return;
				deliver(Buffer.concat(chunks));
				socket.end(reply);
			});
		})
		.listen(0, '127.0.0.1');
	await once(server, 'listening');
	t.after(() => server.close());
	return {port: (server.address() as net.AddressInfo).port, received};
}

/** Runs the CLI as a client through the proxy: sends payload, waits for the reply, then ends. */
async function exchangeThrough(t: TestContext, args: string[], target: {received: Promise<Buffer>}, reply: Buffer): Promise<RunningCli> {
	const client = startCliFor(t, ['--no-tui', ...args]);
	client.child.stdin!.write(payload);
	assert.equal(sha256(await target.received), sha256(payload));
	assert.equal(sha256(await client.waitForStdout(reply.length)), sha256(reply));
	client.child.stdin!.end();
	assert.equal((await client.exit).code, 0, client.stderr());
	return client;
}

interface Proxy {
	port: number;
	log(): string;
}

/** Starts a proxy program on a free port and waits until it accepts connections. */
async function startProxy(t: TestContext, command: string, args: (port: number) => string[]): Promise<Proxy> {
	const port = await freePort();
	const child = spawn(command, args(port), {stdio: ['ignore', 'pipe', 'pipe']});
	let log = '';
	child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
	t.after(() => child.kill('SIGKILL'));
	const changed = new Condition();
	let up = false;
	const timer = setInterval(() => {
		const probe = net.connect(port, '127.0.0.1');
		probe.on('connect', () => {
			up = true;
			probe.destroy();
			changed.notify();
		});
		probe.on('error', () => {});
	}, 50);
	await changed.until(() => (up ? true : undefined), `${command} to listen`, {seen: () => log}).finally(() => clearInterval(timer));
	return {port, log: () => log};
}

function microsocks(t: TestContext, auth?: {user: string; password: string}): Promise<Proxy> {
	return startProxy(t, 'microsocks', port => [
		'-i',
		'127.0.0.1',
		'-p',
		String(port),
		...(auth ? ['-u', auth.user, '-P', auth.password] : []),
	]);
}

function tinyproxy(t: TestContext, connectPort: number, basicAuth?: string): Promise<Proxy> {
	const dir = mkdtempSync(join(tmpdir(), 'netcrab-tinyproxy-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	return startProxy(t, 'tinyproxy', port => {
		const config = join(dir, 'tinyproxy.conf');
		const lines = [
			`Port ${port}`,
			'Listen 127.0.0.1',
			'Timeout 30',
			'Allow 127.0.0.1',
			`ConnectPort ${connectPort}`,
			'LogLevel Info',
			'MaxClients 20',
		];
		if (basicAuth) lines.push(`BasicAuth ${basicAuth}`);
		writeFileSync(config, `${lines.join('\n')}\n`);
		return ['-d', '-c', config];
	});
}

const payload = randomBytes(200_000);
const reply = randomBytes(150_000);

test('SOCKS5 through microsocks: byte-exact, the name is resolved at the proxy', {skip: missing('microsocks')}, async t => {
	const target = await exchangeServer(t, payload.length, reply);
	const proxy = await microsocks(t);
	const client = await exchangeThrough(t, ['--proxy', `127.0.0.1:${proxy.port}`, `localhost:${target.port}`], target, reply);
	assert.match(
		client.stderr(),
		new RegExp(`Connected from \\S+ to localhost:${target.port} via 127\\.0\\.0\\.1:${proxy.port}, protocol TCP`),
	);
	// microsocks logs the host it was asked for: the name itself, not an address we looked up.
	const changed = new Condition();
	const timer = setInterval(() => changed.notify(), 25);
	await changed
		.until(() => (proxy.log().includes(`connected to localhost:${target.port}`) ? true : undefined), 'microsocks to log the name', {
			seen: proxy.log,
		})
		.finally(() => clearInterval(timer));
});

test('SOCKS5 --proxy-dns local: the proxy is asked for an address', {skip: missing('microsocks')}, async t => {
	const target = await exchangeServer(t, payload.length, reply);
	const proxy = await microsocks(t);
	await exchangeThrough(
		t,
		['-4', '--proxy', `127.0.0.1:${proxy.port}`, '--proxy-dns', 'local', `localhost:${target.port}`],
		target,
		reply,
	);
	const changed = new Condition();
	const timer = setInterval(() => changed.notify(), 25);
	await changed
		.until(() => (proxy.log().includes(`connected to 127.0.0.1:${target.port}`) ? true : undefined), 'microsocks to log the address', {
			seen: proxy.log,
		})
		.finally(() => clearInterval(timer));
	assert.doesNotMatch(proxy.log(), /connected to localhost/);
});

test('SOCKS5 user/password through microsocks -u -P: right, wrong and missing credentials', {skip: missing('microsocks')}, async t => {
	const target = await exchangeServer(t, payload.length, reply);
	const proxy = await microsocks(t, {user: 'crab', password: 's3cret'});
	const via = `127.0.0.1:${proxy.port}`;
	await exchangeThrough(t, ['--proxy', via, '--proxy-auth', 'crab:s3cret', `127.0.0.1:${target.port}`], target, reply);
	const wrong = await runCli(['--no-tui', '--proxy', via, '--proxy-auth', 'crab:nope', `127.0.0.1:${target.port}`], 'x');
	assert.equal(wrong.code, 1, wrong.stderr);
	assert.equal(wrong.stderr, `netcrab-tui: proxy ${via} refused the credentials (SOCKS5 user/password)\n`);
	const none = await runCli(['--no-tui', '--proxy', via, `127.0.0.1:${target.port}`], 'x');
	assert.equal(none.code, 1);
	assert.equal(none.stderr, `netcrab-tui: proxy ${via} wants credentials (SOCKS5): give --proxy-auth USER:PASS\n`);
});

test('SOCKS5 errors name the stage: proxy unreachable, target refused (reply code)', {skip: missing('microsocks')}, async t => {
	const closedPort = await freePort();
	const unreachable = await runCli(['--no-tui', '--proxy', `127.0.0.1:${closedPort}`, '127.0.0.1:9'], 'x');
	assert.equal(unreachable.code, 1);
	assert.equal(unreachable.stderr, `netcrab-tui: cannot reach proxy 127.0.0.1:${closedPort}: connection refused (ECONNREFUSED)\n`);

	const proxy = await microsocks(t);
	const refused = await runCli(['--no-tui', '--proxy', `127.0.0.1:${proxy.port}`, `127.0.0.1:${closedPort}`], 'x');
	assert.equal(refused.code, 1);
	assert.equal(
		refused.stderr,
		`netcrab-tui: proxy 127.0.0.1:${proxy.port} refused the connection to 127.0.0.1:${closedPort}: connection refused (SOCKS5 reply 5)\n`,
	);
});

test('-z through a SOCKS5 proxy: open and closed ports', {skip: missing('microsocks')}, async t => {
	const target = await echoServer(t);
	const closedPort = await freePort();
	const proxy = await microsocks(t);
	const open = await runCli(['--proxy', `127.0.0.1:${proxy.port}`, '-z', `127.0.0.1:${target}`]);
	assert.equal(open.code, 0, open.stderr);
	assert.match(open.stderr, /succeeded/);
	const closed = await runCli(['--proxy', `127.0.0.1:${proxy.port}`, '-z', `127.0.0.1:${closedPort}`]);
	assert.equal(closed.code, 1);
	assert.match(closed.stderr, /SOCKS5 reply 5/);
});

test('HTTP CONNECT through tinyproxy: byte-exact; a refused port names the HTTP status', {skip: missing('tinyproxy')}, async t => {
	const target = await exchangeServer(t, payload.length, reply);
	const proxy = await tinyproxy(t, target.port);
	const via = `127.0.0.1:${proxy.port}`;
	await exchangeThrough(t, ['--proxy', via, '--proxy-type', 'http', `localhost:${target.port}`], target, reply);
	// tinyproxy only CONNECTs to ConnectPort ports.
	const other = await freePort();
	const refused = await runCli(['--no-tui', '--proxy', via, '--proxy-type', 'http', `127.0.0.1:${other}`], 'x');
	assert.equal(refused.code, 1);
	assert.match(
		refused.stderr,
		new RegExp(`^netcrab-tui: proxy ${via} refused the connection to 127\\.0\\.0\\.1:${other}: HTTP 403 .*\\n$`),
	);
});

test('HTTP CONNECT with Basic auth (tinyproxy BasicAuth): right and missing credentials', {skip: missing('tinyproxy')}, async t => {
	const target = await exchangeServer(t, payload.length, reply);
	const proxy = await tinyproxy(t, target.port, 'crab s3cret');
	const via = `127.0.0.1:${proxy.port}`;
	await exchangeThrough(
		t,
		['--proxy', via, '--proxy-type', 'http', '--proxy-auth', 'crab:s3cret', `127.0.0.1:${target.port}`],
		target,
		reply,
	);
	const none = await runCli(['--no-tui', '--proxy', via, '--proxy-type', 'http', `127.0.0.1:${target.port}`], 'x');
	assert.equal(none.code, 1);
	assert.match(none.stderr, /wants credentials \(HTTP 407[^)]*\): give --proxy-auth USER:PASS/);
});

test('--fork through a SOCKS5 proxy: each client gets its own tunnel', {skip: missing('microsocks')}, async t => {
	const target = await echoServer(t);
	const proxy = await microsocks(t);
	const relay = startCliFor(t, [
		'--no-tui',
		'-i',
		'none',
		'-L',
		'127.0.0.1:0',
		'--fork',
		'--proxy',
		`127.0.0.1:${proxy.port}`,
		`localhost:${target}`,
	]);
	const port = await relay.listeningPort();
	const first = await connectPeer(port);
	const second = await connectPeer(port);
	first.socket.write('one');
	second.socket.write('two!');
	assert.equal((await first.waitFor(3)).toString(), 'one');
	assert.equal((await second.waitFor(4)).toString(), 'two!');
});

test('-w covers the whole proxy handshake: a proxy that never answers fails the run (exit 1)', async t => {
	const silent = net.createServer(() => {}).listen(0, '127.0.0.1');
	await once(silent, 'listening');
	t.after(() => silent.close());
	const port = (silent.address() as net.AddressInfo).port;
	const result = await runCli(['--no-tui', '-w', '1', '--proxy', `127.0.0.1:${port}`, 'example.com:443'], '');
	assert.equal(result.code, 1);
	assert.equal(result.stderr, `netcrab-tui: proxy 127.0.0.1:${port}: no SOCKS5 tunnel to example.com:443 within the connect timeout\n`);
});
