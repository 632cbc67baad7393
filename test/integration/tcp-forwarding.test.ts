// Hub, channels, linger-channels and echo through the built CLI with real loopback peers.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {test} from 'node:test';
import {startCli} from '../helpers/cli.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';

test('hub: every client hears every other client, and stdout hears all', async () => {
	const hub = startCli(['-L', '127.0.0.1:0', '-f', 'hub']);
	try {
		const port = await hub.listeningPort();
		const clients = [await connectPeer(port), await connectPeer(port), await connectPeer(port)];
		await hub.waitForStderr(/(Accepted[^]*){3}/);
		clients[0]!.socket.write('from zero;');
		assert.equal((await clients[1]!.waitFor(10)).toString(), 'from zero;');
		assert.equal((await clients[2]!.waitFor(10)).toString(), 'from zero;');
		clients[2]!.socket.write('from two;');
		assert.equal((await clients[0]!.waitFor(9)).toString(), 'from two;');
		assert.equal((await clients[1]!.waitFor(19)).toString(), 'from zero;from two;');
		assert.equal(clients[0]!.received().length, 9, 'a client does not hear itself');
		assert.equal((await hub.waitForStdout(19)).toString(), 'from zero;from two;');
		const before = clients.map(client => client.received().length);
		hub.child.stdin!.write('from local;');
		for (const [index, client] of clients.entries()) await client.waitFor(before[index]! + 11);
	} finally {
		hub.kill();
	}
});

test('channels: a relay between a client on 127.0.0.1 and a server on 127.0.0.2, byte-exact both ways', async () => {
	const sink = await listenPeer('127.0.0.2');
	const relay = startCli(['-L', '127.0.0.1:0', '--fm', 'channels', '-o', 'none', `127.0.0.2:${sink.port}`]);
	try {
		const port = await relay.listeningPort();
		const upstream = await sink.accepted();
		const client = await connectPeer(port);
		await relay.waitForStderr(/Accepted/);
		const request = randomBytes(2 * 1024 * 1024);
		const response = randomBytes(1024 * 1024);
		client.socket.end(request);
		upstream.socket.write(response);
		assert.equal(sha256(await upstream.waitFor(request.length)), sha256(request));
		assert.equal(sha256(await client.waitFor(response.length)), sha256(response));
		await upstream.ended;
		upstream.socket.end();
		await client.closed;
	} finally {
		relay.kill();
		sink.close();
	}
});

test('channels: a disconnect closes the partner', async () => {
	const sink = await listenPeer('127.0.0.2');
	const relay = startCli(['-L', '127.0.0.1:0', '-f', 'c', `127.0.0.2:${sink.port}`]);
	try {
		const port = await relay.listeningPort();
		const upstream = await sink.accepted();
		const client = await connectPeer(port);
		client.socket.write('ping');
		await upstream.waitFor(4);
		client.socket.destroy();
		await upstream.ended;
		// The only target is gone and nothing reconnects: the relay keeps listening.
		assert.equal(relay.child.exitCode, null);
	} finally {
		relay.kill();
		sink.close();
	}
});

test('linger-channels: the partner stays open when its peer leaves, and pairs again', async () => {
	const relay = startCli(['-L', '127.0.0.1:0', '-f', 'lc', '-v']);
	try {
		const port = await relay.listeningPort();
		const stayer = await connectPeer(port, '127.0.0.1', '127.0.0.2');
		const leaver = await connectPeer(port, '127.0.0.1', '127.0.0.1');
		leaver.socket.write('one');
		await stayer.waitFor(3);
		leaver.socket.destroy();
		await relay.waitForStderr(/Closed connection/);
		const next = await connectPeer(port, '127.0.0.1', '127.0.0.3');
		await relay.waitForStderr(/(Accepted[^]*){3}/);
		stayer.socket.write('still paired');
		assert.equal((await next.waitFor(12)).toString(), 'still paired');
		assert.equal(stayer.socket.readyState, 'open');
	} finally {
		relay.kill();
	}
});

test('channels pair only peers of different hosts', async () => {
	const relay = startCli(['-L', '127.0.0.1:0', '-f', 'channels']);
	try {
		const port = await relay.listeningPort();
		const a = await connectPeer(port, '127.0.0.1', '127.0.0.1');
		const b = await connectPeer(port, '127.0.0.1', '127.0.0.1');
		await relay.waitForStderr(/(Accepted[^]*){2}/);
		a.socket.write('same host');
		await relay.waitForStdout(9);
		const c = await connectPeer(port, '127.0.0.1', '127.0.0.5');
		await relay.waitForStderr(/(Accepted[^]*){3}/);
		a.socket.write('to c');
		assert.equal((await c.waitFor(4)).toString(), 'to c', 'the oldest unpaired route of another host pairs with the newcomer');
		b.socket.write('lonely');
		await relay.waitForStdout('same hostto clonely'.length);
		assert.equal(c.received().toString(), 'to c', 'the unpaired route reaches no peer');
		assert.equal(b.received().length + a.received().length, 0);
	} finally {
		relay.kill();
	}
});

test('echo: each client gets its own bytes back', async () => {
	const server = startCli(['-L', '127.0.0.1:0', '-i', 'echo', '-m', '2']);
	try {
		const port = await server.listeningPort();
		const one = await connectPeer(port);
		const two = await connectPeer(port);
		one.socket.write('one');
		two.socket.write('two');
		assert.equal((await one.waitFor(3)).toString(), 'one');
		assert.equal((await two.waitFor(3)).toString(), 'two');
	} finally {
		server.kill();
	}
});
