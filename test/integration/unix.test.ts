// Unix domain stream sockets against real peers: OpenBSD nc -U and socat UNIX-LISTEN/UNIX-CONNECT.
import assert from 'node:assert/strict';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {existsSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {runCli, startCliFor} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';
import {connectPeer, sha256, wrapSocket} from '../helpers/peers.js';

function missing(tool: string): string | false {
	return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0 ? false : `${tool} is not installed (.ci/run installs it)`;
}

function tempDir(t: TestContext): string {
	const dir = mkdtempSync(join(tmpdir(), 'netcrab-unix-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

interface PeerProcess {
	child: ChildProcess;
	stdout(): Buffer;
	stderr(): string;
	closed: Promise<number | null>;
}

function spawnPeer(t: TestContext, command: string, args: string[], input?: Buffer): PeerProcess {
	const child = spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe']});
	const chunks: Buffer[] = [];
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	child.stdin!.on('error', () => {});
	if (input) child.stdin!.end(input);
	const closed = once(child, 'close').then(([code]) => code as number | null);
	t.after(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	return {child, stdout: () => Buffer.concat(chunks), stderr: () => stderr, closed};
}

function connectUnixPeer(path: string) {
	const socket = net.connect({path, allowHalfOpen: true});
	const peer = wrapSocket(socket);
	return once(socket, 'connect').then(() => peer);
}

/** Waits until a peer that needs a moment to bind has made its socket file. */
async function fileAppears(path: string): Promise<void> {
	const changed = new Condition();
	const timer = setInterval(() => changed.notify(), 25);
	try {
		await changed.until(() => (existsSync(path) ? true : undefined), `${path} to appear`);
	} finally {
		clearInterval(timer);
	}
}

test('nc -U client <-> netcrab-tui -l unix:PATH: byte-exact both ways, file gone at exit', {skip: missing('nc')}, async t => {
	const path = join(tempDir(t), 'a.sock');
	const toServer = randomBytes(300_000);
	const toClient = randomBytes(200_000);
	const server = startCliFor(t, ['-l', `unix:${path}`]);
	await server.waitForStderr(/Listening on unix:\S+, protocol UNIX/);
	const nc = spawnPeer(t, 'nc', ['-N', '-U', path], toServer);
	await server.waitForStderr(/Accepted connection on unix:/);
	server.child.stdin!.end(toClient);
	await server.waitForStdout(toServer.length);
	assert.equal(await nc.closed, 0);
	assert.equal((await server.exit).code, 0);
	assert.equal(sha256(server.stdout()), sha256(toServer));
	assert.equal(sha256(nc.stdout()), sha256(toClient));
	assert.equal(existsSync(path), false, 'the socket file is removed at exit');
});

test('netcrab-tui unix:PATH target <-> socat UNIX-LISTEN: byte-exact both ways', {skip: missing('socat')}, async t => {
	const path = join(tempDir(t), 'b.sock');
	const toSocat = randomBytes(300_000);
	const fromSocat = randomBytes(100_000);
	const socat = spawnPeer(t, 'socat', ['-t', '5', `UNIX-LISTEN:${path}`, 'STDIO'], fromSocat);
	await fileAppears(path);
	const client = await runCli([`unix:${path}`], toSocat);
	assert.equal(client.code, 0, client.stderr);
	assert.equal(await socat.closed, 0, socat.stderr());
	assert.equal(sha256(socat.stdout()), sha256(toSocat));
	assert.equal(sha256(client.stdout), sha256(fromSocat));
});

test('-U: bare addresses are socket paths; socat UNIX-CONNECT as the client', {skip: missing('socat')}, async t => {
	const path = join(tempDir(t), 'c.sock');
	const payload = randomBytes(100_000);
	const server = startCliFor(t, ['-U', '-l', path]);
	server.child.stdin!.end();
	await server.waitForStderr(/Listening on unix:/);
	const socat = spawnPeer(t, 'socat', ['-u', 'STDIN', `UNIX-CONNECT:${path}`], payload);
	assert.equal(await socat.closed, 0);
	assert.equal((await server.exit).code, 0);
	assert.equal(sha256(server.stdout()), sha256(payload));
});

test('a live socket path is refused (exit 1, one line); a stale one is replaced', async t => {
	const dir = tempDir(t);
	const live = join(dir, 'live.sock');
	const holder = net.createServer(socket => socket.destroy()).listen(live);
	await once(holder, 'listening');
	t.after(() => holder.close());
	const refused = await runCli(['--no-tui', '-L', `unix:${live}`]);
	assert.equal(refused.code, 1);
	assert.equal(refused.stderr, `netcrab-tui: cannot listen on unix:${live}: something is already listening there\n`);

	// A stale socket file: bound once, its owner gone (SIGKILL leaves exactly this behind).
	const stale = join(dir, 'stale.sock');
	spawnSync('python3', ['-c', `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(stale)})`]);
	assert.equal(statSync(stale).isSocket(), true);
	const server = startCliFor(t, ['--no-tui', '-i', 'none', '-v', '-L', `unix:${stale}`]);
	await server.waitForStderr(/Removed stale socket file/);
	await server.waitForStderr(/Listening on unix:/);
	const peer = await connectUnixPeer(stale);
	await server.waitForStderr(/Accepted connection on unix:/);
	peer.socket.destroy();

	// Not a socket at all: left alone.
	const file = join(dir, 'plain-file');
	writeFileSync(file, 'keep me');
	const notSocket = await runCli(['--no-tui', '-L', `unix:${file}`]);
	assert.equal(notSocket.code, 1);
	assert.match(notSocket.stderr, /^netcrab-tui: cannot listen on unix:\S+: the path exists and is not a socket\n$/);
	assert.equal(existsSync(file), true);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	test(`the socket file is removed after ${signal}`, async t => {
		const path = join(tempDir(t), 'sig.sock');
		const server = startCliFor(t, ['--no-tui', '-i', 'none', '-L', `unix:${path}`]);
		await server.waitForStderr(/Listening on unix:/);
		assert.equal(existsSync(path), true);
		server.child.kill(signal);
		await server.exit;
		assert.equal(existsSync(path), false);
	});
}

test('the socket file is removed when the run fails after binding (a bad second listener)', async t => {
	const dir = tempDir(t);
	const path = join(dir, 'first.sock');
	const result = await runCli(['--no-tui', '-L', `unix:${path}`, '-L', `unix:${join(dir, 'missing-dir', 'x.sock')}`]);
	assert.equal(result.code, 1);
	assert.match(result.stderr, /cannot listen on unix:.*missing-dir/);
	assert.equal(existsSync(path), false);
});

test('hub: a TCP client and a Unix client hear each other', async t => {
	const path = join(tempDir(t), 'hub.sock');
	const hub = startCliFor(t, ['--no-tui', '-i', 'none', '-f', 'hub', '-L', '127.0.0.1:0', '-L', `unix:${path}`]);
	const port = await hub.listeningPort();
	await hub.waitForStderr(/Listening on unix:/);
	const tcp = await connectPeer(port);
	const unix = await connectUnixPeer(path);
	await hub.waitForStderr(/Accepted connection on unix:/);
	await hub.waitForStderr(/Accepted connection from 127\.0\.0\.1/);
	tcp.socket.write('from tcp');
	assert.equal((await unix.waitFor(8)).toString(), 'from tcp');
	unix.socket.write('from unix');
	assert.equal((await tcp.waitFor(9)).toString(), 'from unix');
});

test('relay: -L tcp:... -f channels unix:PATH carries bytes to socat UNIX-LISTEN and back', {skip: missing('socat')}, async t => {
	const path = join(tempDir(t), 'backend.sock');
	// The backend echoes, like a daemon answering requests.
	spawnPeer(t, 'socat', [`UNIX-LISTEN:${path},fork`, 'EXEC:cat']);
	await fileAppears(path);
	const relay = startCliFor(t, ['--no-tui', '-i', 'none', '-L', 'tcp:127.0.0.1:0', '-f', 'channels', `unix:${path}`]);
	const port = await relay.listeningPort();
	await relay.waitForStderr(/Connected to unix:/);
	const client = await connectPeer(port);
	const payload = randomBytes(200_000);
	client.socket.write(payload);
	assert.equal(sha256(await client.waitFor(payload.length)), sha256(payload));
});

test('exec: -e behind a Unix listener answers a Unix client', async t => {
	const path = join(tempDir(t), 'exec.sock');
	const server = startCliFor(t, ['--no-tui', '-L', `unix:${path}`, '-e', 'tr a-z A-Z']);
	await server.waitForStderr(/Listening on unix:/);
	assert.doesNotMatch(server.stderr(), /warning: -e runs/, 'a Unix socket is not reachable from other machines');
	const peer = await connectUnixPeer(path);
	peer.socket.end('hello unix\n');
	assert.equal((await peer.waitFor(11)).toString(), 'HELLO UNIX\n');
});

test(
	'abstract unix:@NAME: listener and target (Linux)',
	{skip: process.platform !== 'linux' && 'abstract sockets are Linux only'},
	async t => {
		const name = `netcrab-test-${process.pid}-${Date.now()}`;
		const server = startCliFor(t, ['--no-tui', '-l', `unix:@${name}`]);
		server.child.stdin!.end();
		await server.waitForStderr(new RegExp(`Listening on unix:@${name}, protocol UNIX`));
		const client = await runCli([`unix:@${name}`], 'abstract hello');
		assert.equal(client.code, 0, client.stderr);
		assert.equal((await server.exit).code, 0);
		assert.equal(server.stdout().toString(), 'abstract hello');
	},
);

test('a Unix target that is not there: one line naming the path, exit 1', async t => {
	const path = join(tempDir(t), 'nobody.sock');
	const result = await runCli(['--no-tui', `unix:${path}`]);
	assert.equal(result.code, 1);
	assert.equal(result.stderr, `netcrab-tui: cannot connect to unix:${path}: no such file or directory (ENOENT)\n`);
});

test('--fork with a Unix target: each TCP client gets its own Unix upstream (socat backend)', {skip: missing('socat')}, async t => {
	const path = join(tempDir(t), 'fork.sock');
	spawnPeer(t, 'socat', [`UNIX-LISTEN:${path},fork`, 'EXEC:cat']);
	await fileAppears(path);
	const relay = startCliFor(t, ['--no-tui', '-i', 'none', '-L', '127.0.0.1:0', '--fork', `unix:${path}`]);
	const port = await relay.listeningPort();
	const first = await connectPeer(port);
	const second = await connectPeer(port);
	first.socket.write('first client');
	second.socket.write('second client');
	assert.equal((await first.waitFor(12)).toString(), 'first client');
	assert.equal((await second.waitFor(13)).toString(), 'second client');
});
