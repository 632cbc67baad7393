// The built CLI as TCP client and server, against itself and against node sockets.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {test} from 'node:test';
import {runCli, startCli} from '../helpers/cli.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';

const payload = randomBytes(3 * 1024 * 1024 + 17);

test("server: a client's file arrives on stdout byte-exact", async () => {
	const server = startCli(['-l', '127.0.0.1:0'], {stdin: 'ignore'});
	try {
		const port = await server.listeningPort();
		const client = await runCli(['127.0.0.1:' + port], payload);
		assert.equal(client.code, 0, client.stderr);
		assert.match(client.stderr, /^Connected from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+, protocol TCP, family IPv4$/m);
		const {code} = await server.exit;
		assert.equal(code, 0, '-l exits when its client disconnects');
		assert.equal(sha256(server.stdout()), sha256(payload));
		assert.match(server.stderr(), /^Listening on 127\.0\.0\.1:\d+, protocol TCP, family IPv4$/m);
		assert.match(server.stderr(), /^Accepted connection from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+, protocol TCP, family IPv4$/m);
		assert.equal(server.stdout().length, payload.length, 'status lines never reach stdout');
	} finally {
		server.kill();
	}
});

test('server: stdin goes to the client byte-exact', async () => {
	const server = startCli(['-l', '127.0.0.1:0']);
	try {
		server.child.stdin!.end(payload);
		const port = await server.listeningPort();
		const client = await runCli(['127.0.0.1:' + port], Buffer.alloc(0));
		assert.equal(client.code, 0, client.stderr);
		assert.equal(sha256(client.stdout), sha256(payload));
		assert.equal((await server.exit).code, 0);
	} finally {
		server.kill();
	}
});

test('-L keeps listening after a client leaves; -l does not', async () => {
	const server = startCli(['-L', '127.0.0.1:0'], {stdin: 'ignore'});
	try {
		const port = await server.listeningPort();
		for (const word of ['first', 'second']) {
			const peer = await connectPeer(port);
			peer.socket.end(word);
			await peer.closed;
		}
		await server.waitForStdout('firstsecond'.length);
		assert.equal(server.stdout().toString(), 'firstsecond');
		assert.equal(server.child.exitCode, null, '-L is still running');
	} finally {
		server.kill();
	}
});

test('stdin EOF half-closes: the peer sees FIN and can still answer', async () => {
	const peerServer = await listenPeer();
	try {
		const client = startCli([`127.0.0.1:${peerServer.port}`]);
		client.child.stdin!.end('question');
		const peer = await peerServer.accepted();
		await peer.ended;
		assert.equal(peer.received().toString(), 'question');
		peer.socket.end('answer after FIN');
		const {code} = await client.exit;
		assert.equal(code, 0);
		assert.equal(client.stdout().toString(), 'answer after FIN');
	} finally {
		peerServer.close();
	}
});

test('a peer that half-closes still receives the rest of stdin', async () => {
	const peerServer = await listenPeer();
	try {
		const client = startCli([`127.0.0.1:${peerServer.port}`]);
		const peer = await peerServer.accepted();
		peer.socket.end();
		await client.waitForStderr(/Connected/);
		client.child.stdin!.end(payload);
		await peer.ended;
		await peer.waitFor(payload.length);
		assert.equal(sha256(peer.received()), sha256(payload));
		assert.equal((await client.exit).code, 0);
	} finally {
		peerServer.close();
	}
});

test('--exit-after-input exits once stdin is sent, without waiting for the peer', async () => {
	const peerServer = await listenPeer();
	try {
		const client = startCli(['--exit-after-input', `127.0.0.1:${peerServer.port}`]);
		client.child.stdin!.end('bye');
		const peer = await peerServer.accepted();
		assert.equal((await client.exit).code, 0);
		await peer.waitFor(3);
		assert.equal(peer.received().toString(), 'bye');
	} finally {
		peerServer.close();
	}
});

test('--ss still delivers local input byte-exact', async () => {
	const peerServer = await listenPeer();
	try {
		const client = startCli(['--ss', '1000', `127.0.0.1:${peerServer.port}`]);
		const peer = await peerServer.accepted();
		client.child.stdin!.end(payload.subarray(0, 200_000));
		await peer.waitFor(200_000);
		assert.equal(sha256(peer.received()), sha256(payload.subarray(0, 200_000)));
		peer.socket.end();
		assert.equal((await client.exit).code, 0);
	} finally {
		peerServer.close();
	}
});

test('-m limits concurrent clients per listener', async () => {
	const server = startCli(['-L', '127.0.0.1:0', '-m', '2']);
	try {
		const port = await server.listeningPort();
		const first = await connectPeer(port);
		const second = await connectPeer(port);
		await server.waitForStderr(/Accepted[^\n]*\n[^\n]*Accepted/);
		const third = await connectPeer(port);
		await third.ended;
		await server.waitForStderr(/Refused connection from 127\.0\.0\.1:\d+: already 2 client\(s\) \(-m\)/);
		first.socket.write('still here');
		await server.waitForStdout(10);
		second.socket.destroy();
		first.socket.destroy();
	} finally {
		server.kill();
	}
});

test('xN opens N connections and SRC= binds the source address', async () => {
	const peerServer = await listenPeer();
	try {
		const client = startCli([`127.0.0.2=127.0.0.1:${peerServer.port}x3`]);
		const peers = await Promise.all([0, 1, 2].map(index => peerServer.accepted(index)));
		for (const peer of peers) assert.equal(peer.socket.remoteAddress, '127.0.0.2');
		client.child.stdin!.end('to all');
		for (const peer of peers) assert.equal((await peer.waitFor(6)).toString(), 'to all');
		for (const peer of peers) peer.socket.end();
		assert.equal((await client.exit).code, 0);
	} finally {
		peerServer.close();
	}
});

test('IPv6 loopback and the * wildcard', async () => {
	const server = startCli(['-l', '[::1]:0'], {stdin: 'ignore'});
	try {
		const port = await server.listeningPort();
		assert.match(server.stderr(), /Listening on \[::1\]:\d+, protocol TCP, family IPv6/);
		const client = await runCli(['-6', `[::1]:${port}`], 'six');
		assert.equal(client.code, 0, client.stderr);
		await server.exit;
		assert.equal(server.stdout().toString(), 'six');
	} finally {
		server.kill();
	}
	const wildcard = startCli(['-L', '*', '-v']);
	try {
		await wildcard.listeningPort(1);
		assert.match(wildcard.stderr(), /Listening on 0\.0\.0\.0:\d+, protocol TCP, family IPv4/);
		assert.match(wildcard.stderr(), /Listening on \[::\]:\d+, protocol TCP, family IPv6/);
		const port = await wildcard.listeningPort(0);
		const peer = await connectPeer(port, '127.0.0.3');
		peer.socket.end('via wildcard');
		await wildcard.waitForStdout(12);
	} finally {
		wildcard.kill();
	}
});

test(':PORT listens on every interface address, loopback included', async () => {
	const server = startCli(['-4', '-L', ':0']);
	try {
		await server.waitForStderr(/Listening on 127\.0\.0\.1:\d+/);
		const port = Number(server.stderr().match(/Listening on 127\.0\.0\.1:(\d+)/)![1]);
		const peer = await connectPeer(port);
		peer.socket.end('lo');
		await server.waitForStdout(2);
		assert.doesNotMatch(server.stderr(), /family IPv6/, '-4 keeps IPv6 out');
	} finally {
		server.kill();
	}
});

test('-z probes targets and reports each', async () => {
	const peerServer = await listenPeer();
	try {
		const ok = await runCli(['-z', `127.0.0.1:${peerServer.port}`]);
		assert.equal(ok.code, 0, ok.stderr);
		assert.match(ok.stderr, /Connection to 127\.0\.0\.1:\d+ \(127\.0\.0\.1:\d+\) succeeded/);
		const closedPort = await freePort();
		const bad = await runCli(['-z', `127.0.0.1:${peerServer.port}`, `127.0.0.1:${closedPort}`]);
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /netcrab-tui: cannot connect to 127\.0\.0\.1:\d+: connection refused/);
	} finally {
		peerServer.close();
	}
});

/** A port nothing listens on: bound by the OS, then released. */
async function freePort(): Promise<number> {
	const {server, port} = await listenPeer();
	server.close();
	await once(server, 'close');
	return port;
}
export {freePort};
