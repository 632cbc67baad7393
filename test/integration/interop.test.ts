// Real netcats as peers: socat, ncat and OpenBSD nc talk to the built CLI.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {test} from 'node:test';
import {runCli, startCli} from '../helpers/cli.js';
import {listenPeer, sha256} from '../helpers/peers.js';

const payload = randomBytes(2 * 1024 * 1024 + 3);

function missing(tool: string): string | false {
	return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0 ? false : `${tool} is not installed (.ci/run installs it)`;
}

/** Runs a peer program with stdin bytes; resolves with its stdout and status. */
async function runPeer(command: string, args: string[], input?: Buffer): Promise<{code: number | null; stdout: Buffer}> {
	const child = spawn(command, args, {stdio: ['pipe', 'pipe', 'inherit']});
	const chunks: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
	child.stdin.on('error', () => {});
	child.stdin.end(input);
	const [code] = (await once(child, 'close')) as [number | null];
	return {code, stdout: Buffer.concat(chunks)};
}

async function freePort(): Promise<number> {
	const {server, port} = await listenPeer();
	server.close();
	await once(server, 'close');
	return port;
}

test('socat client -> netcrab-tui -l: byte-exact', {skip: missing('socat')}, async () => {
	const server = startCli(['-l', '127.0.0.1:0'], {stdin: 'ignore'});
	try {
		const port = await server.listeningPort();
		const socat = await runPeer('socat', ['-u', 'STDIN', `TCP:127.0.0.1:${port}`], payload);
		assert.equal(socat.code, 0);
		assert.equal((await server.exit).code, 0);
		assert.equal(sha256(server.stdout()), sha256(payload));
	} finally {
		server.kill();
	}
});

test('netcrab-tui client -> ncat -l: byte-exact both ways', {skip: missing('ncat')}, async () => {
	const port = await freePort();
	const reply = randomBytes(100_000);
	const ncat = spawn('ncat', ['-l', '127.0.0.1', String(port)], {stdio: ['pipe', 'pipe', 'ignore']});
	const ncatClosed = once(ncat, 'close');
	const received: Buffer[] = [];
	ncat.stdout.on('data', (chunk: Buffer) => received.push(chunk));
	ncat.stdin.end(reply);
	try {
		let client;
		// ncat needs a moment to bind; retry the connect rather than sleep a fixed time.
		for (let attempt = 0; attempt < 50; attempt++) {
			client = await runCli([`127.0.0.1:${port}`], payload);
			if (client.code === 0) break;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		assert.equal(client!.code, 0, client!.stderr);
		await ncatClosed;
		assert.equal(sha256(Buffer.concat(received)), sha256(payload));
		assert.equal(sha256(client!.stdout), sha256(reply));
	} finally {
		ncat.kill();
	}
});

test('OpenBSD nc client -> netcrab-tui -L hub: the file reaches another client', {skip: missing('nc')}, async () => {
	const hub = startCli(['-L', '127.0.0.1:0', '-f', 'hub', '-o', 'none']);
	try {
		const port = await hub.listeningPort();
		const listener = spawn('nc', ['127.0.0.1', String(port)], {stdio: ['pipe', 'pipe', 'ignore']});
		const heard: Buffer[] = [];
		let heardLength = 0;
		listener.stdout.on('data', (chunk: Buffer) => {
			heard.push(chunk);
			heardLength += chunk.length;
		});
		await hub.waitForStderr(/Accepted/);
		const sender = await runPeer('nc', ['-N', '127.0.0.1', String(port)], payload);
		assert.equal(sender.code, 0);
		const deadline = Date.now() + 10_000;
		while (heardLength < payload.length && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
		assert.equal(sha256(Buffer.concat(heard)), sha256(payload));
		listener.kill();
	} finally {
		hub.kill();
	}
});
