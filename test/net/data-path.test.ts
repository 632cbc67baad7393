// The fast data path end to end: outbound routes read through onread, a file on stdin is read in
// large chunks, and both stay byte-exact with backpressure.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {cliPath, startCli} from '../helpers/cli.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';

const size = 6 << 20;

test('Given a peer we connect to, When it sends 6 MiB and half-closes, Then stdout has every byte and we exit 0', async () => {
	const server = await listenPeer();
	const cli = startCli([`127.0.0.1:${server.port}`, '-i', 'none']);
	try {
		const peer = await server.accepted();
		const data = randomBytes(size);
		peer.socket.end(data);
		const output = await cli.waitForStdout(size);
		assert.equal(sha256(output.subarray(0, size)), sha256(data));
		assert.equal((await cli.exit).code, 0);
	} finally {
		cli.kill();
		server.close();
	}
});

test('Given a client of our listener, When it sends 6 MiB and half-closes, Then stdout has every byte and -l exits 0', async () => {
	const cli = startCli(['-l', '127.0.0.1:0', '-i', 'none']);
	try {
		const client = await connectPeer(await cli.listeningPort());
		const data = randomBytes(size);
		client.socket.end(data);
		const output = await cli.waitForStdout(size);
		assert.equal(sha256(output.subarray(0, size)), sha256(data));
		assert.equal((await cli.exit).code, 0);
	} finally {
		cli.kill();
	}
});

test('Given -m 1 and one client, When a second connects, Then it is refused, and once the first left a third is accepted', async () => {
	const cli = startCli(['-L', '127.0.0.1:0', '-m', '1', '-i', 'none', '-o', 'none', '-v']);
	try {
		const port = await cli.listeningPort();
		const first = await connectPeer(port);
		await cli.waitForStderr(/Accepted connection/);
		const second = await connectPeer(port);
		await cli.waitForStderr(/Refused connection/);
		await second.ended;
		first.socket.end();
		await cli.waitForStderr(/Closed connection/);
		const third = await connectPeer(port);
		await cli.waitForStderr(/Accepted connection[^]*Accepted connection/);
		third.socket.destroy();
	} finally {
		cli.kill();
	}
});

test('Given a channel whose reader pauses, When the outbound side sends 6 MiB, Then the reader still gets every byte in order', async () => {
	const server = await listenPeer('127.0.0.2');
	const cli = startCli(['-L', '127.0.0.1:0', '--fm', 'channels', '-i', 'none', '-o', 'none', `127.0.0.2:${server.port}`]);
	try {
		const port = await cli.listeningPort();
		const sender = await server.accepted();
		const reader = await connectPeer(port);
		await cli.waitForStderr(/Accepted connection/);
		// The reader stops reading, so the outbound route must be paused rather than queue 6 MiB.
		reader.socket.pause();
		const data = randomBytes(size);
		sender.socket.end(data);
		await new Promise(resolve => setTimeout(resolve, 300));
		reader.socket.resume();
		const received = await reader.waitFor(size, 15_000);
		assert.equal(received.length, size);
		assert.equal(sha256(received), sha256(data));
	} finally {
		cli.kill();
		server.close();
	}
});

test('Given a file on stdin, When we send it with default flags, Then the peer gets it byte-exact and a FIN', async () => {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'netcrab-test-'));
	const file = path.join(directory, 'input.bin');
	const data = randomBytes(size + 12345);
	writeFileSync(file, data);
	const server = await listenPeer();
	const input = openSync(file, 'r');
	const child = spawn(process.execPath, [cliPath, `127.0.0.1:${server.port}`], {stdio: [input, 'ignore', 'pipe']});
	closeSync(input);
	try {
		const peer = await server.accepted();
		await peer.ended;
		assert.equal(sha256(peer.received()), sha256(data));
		peer.socket.end();
		const [code] = await once(child, 'close');
		assert.equal(code, 0);
	} finally {
		child.kill('SIGKILL');
		server.close();
		rmSync(directory, {recursive: true, force: true});
	}
});
