// -r and -R: outbound connections come back after a close or an error.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {startCli} from '../helpers/cli.js';
import {listenPeer} from '../helpers/peers.js';

test('-r reconnects after the server closes gracefully', async () => {
	const server = await listenPeer();
	const client = startCli(['-r', `127.0.0.1:${server.port}`]);
	try {
		const first = await server.accepted(0);
		first.socket.end();
		const second = await server.accepted(1);
		await client.waitForStderr(/reconnecting to 127\.0\.0\.1:\d+ in \d+ ms[^]*Connected/);
		client.child.stdin!.write('after reconnect');
		assert.equal((await second.waitFor(15)).toString(), 'after reconnect');
	} finally {
		client.kill();
		server.close();
	}
});

test('-r does not reconnect after an error; -R does', async () => {
	const server = await listenPeer();
	const onlyClose = startCli(['-r', `127.0.0.1:${server.port}`]);
	try {
		const first = await server.accepted(0);
		await onlyClose.waitForStderr(/Connected/);
		first.socket.resetAndDestroy();
		const {code} = await onlyClose.exit;
		// Issue 18: a reset that ends the run is a failure (ncat exits 1 too), said in one line.
		assert.equal(code, 1, 'the reset ended the run');
		assert.match(onlyClose.stderr(), /connection reset by peer \(ECONNRESET\)/);
	} finally {
		onlyClose.kill();
	}
	const onError = startCli(['-R', `127.0.0.1:${server.port}`]);
	try {
		const second = await server.accepted(1);
		await onError.waitForStderr(/Connected/);
		second.socket.resetAndDestroy();
		await server.accepted(2);
		await onError.waitForStderr(/connection lost; reconnecting/);
	} finally {
		onError.kill();
		server.close();
	}
});

test('-R keeps trying a target that refuses until it listens', async () => {
	const probe = await listenPeer();
	const port = probe.port;
	probe.close();
	const client = startCli(['-R', `127.0.0.1:${port}`]);
	try {
		await client.waitForStderr(/connection refused \(ECONNREFUSED\); reconnecting/);
		const server = await listenPeer();
		// The freed port may have been taken meanwhile; only assert when we got it back.
		if (server.port === port) await server.accepted(0);
		server.close();
		assert.equal(client.child.exitCode, null, 'still running, still trying');
	} finally {
		client.kill();
	}
});
