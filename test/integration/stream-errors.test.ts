// Issue 18 item 5: a stream error never crashes the process. A stdin read error ends local input
// with one line and the listener goes on; a stderr nobody reads any more is ignored.
// Compared with a write-only /dev/null on stdin (as under nohup): nc (OpenBSD) -l ignores the
// error and serves its client; socat prints the read error and exits 1; ncat -l exits 1 at once.
// Before this fix: an "Unhandled 'error' event" stack trace, and the listener was gone.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {closeSync, openSync} from 'node:fs';
import net from 'node:net';
import {test} from 'node:test';
import {cliPath, startCli} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';
import {connectPeer} from '../helpers/peers.js';

async function assertServerStillAccepts(cli: ReturnType<typeof startCli>, port: number): Promise<void> {
	const client = await connectPeer(port);
	await cli.waitForStderr(/Accepted connection[^]*Accepted connection/);
	client.socket.destroy();
	assert.equal(cli.child.exitCode, null, 'the server still runs');
	assert.doesNotMatch(cli.stderr(), /Unhandled|    at /, 'no stack trace');
}

test('Given stdin that cannot be read (nohup: EBADF), When a client connects, Then one line says so and the listener goes on', async t => {
	const writeOnlyNull = openSync('/dev/null', 'w');
	const cli = startCli(['-L', '127.0.0.1:0', '-m', '5', '-o', 'none'], {stdin: writeOnlyNull});
	closeSync(writeOnlyNull);
	t.after(() => cli.kill());
	const port = await cli.listeningPort();
	const client = await connectPeer(port);
	await cli.waitForStderr(/netcrab-tui: cannot read standard input: bad file descriptor \(EBADF\); local input ended\n/);
	await assertServerStillAccepts(cli, port);
	client.socket.destroy();
});

test('Given stdin a TCP socket, When that socket is reset, Then one line says so and the listener goes on', async t => {
	const server = net.createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const far = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
	const [near] = (await once(server, 'connection')) as [net.Socket];
	far.on('error', () => {});
	const cli = startCli(['-L', '127.0.0.1:0', '-m', '5', '-o', 'none'], {stdin: near});
	t.after(() => {
		cli.kill();
		server.close();
	});
	const port = await cli.listeningPort();
	const client = await connectPeer(port);
	await cli.waitForStderr(/Accepted connection/);
	near.destroy();
	far.resetAndDestroy();
	await cli.waitForStderr(/netcrab-tui: cannot read standard input: connection reset by peer \(ECONNRESET\); local input ended\n/);
	await assertServerStillAccepts(cli, port);
	client.socket.destroy();
});

test('Given a stderr whose reader left after 5 bytes, When clients come and go, Then the -L server goes on serving', async t => {
	const child = spawn(process.execPath, [cliPath, '-L', '127.0.0.1:0', '-m', '5', '-v', '-i', 'none'], {stdio: ['pipe', 'pipe', 'pipe']});
	t.after(() => child.kill('SIGKILL'));
	let stderr = '';
	const changed = new Condition();
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (text: string) => {
		stderr += text;
		changed.notify();
	});
	const port = Number((await changed.until(() => /Listening on [^\s]+:(\d+)/.exec(stderr) ?? undefined, 'the listening line'))[1]);
	// Like `2> >(head -c 5)`: the reader goes away, every later status line meets a broken pipe.
	child.stderr.destroy();
	let stdout = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (text: string) => {
		stdout += text;
		changed.notify();
	});
	for (const word of ['one', 'two', 'three']) {
		const client = await connectPeer(port);
		client.socket.end(`${word}\n`);
		await changed.until(() => (stdout.includes(word) ? true : undefined), `"${word}" on stdout`, {
			failed: () => (child.exitCode !== null ? `exited ${child.exitCode}` : undefined),
		});
		await client.closed;
	}
	assert.equal(child.exitCode, null, 'the server still runs');
});
