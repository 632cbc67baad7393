import assert from 'node:assert/strict';
import {test} from 'node:test';
import {pickDelay} from '../../source/local/shaping.js';
import {runCli, startCli} from '../helpers/cli.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';

test('a fixed delay draws no random number; a range stays within its ends', () => {
	assert.equal(
		pickDelay({min: 7, max: 7}, () => {
			throw new Error('random called');
		}),
		7,
	);
	assert.equal(
		pickDelay({min: 10, max: 20}, () => 0),
		10,
	);
	assert.equal(
		pickDelay({min: 10, max: 20}, () => 0.999_999),
		20,
	);
});

test('--rdmin/--rdmax delay what a peer sends', async () => {
	const cli = startCli(['--no-tui', '-l', '127.0.0.1:0', '-i', 'none', '--rdmin', '300', '--rdmax', '300']);
	try {
		const peer = await connectPeer(await cli.listeningPort());
		const start = performance.now();
		peer.socket.write('x');
		await cli.waitForStdout(1);
		const elapsed = performance.now() - start;
		assert.ok(elapsed >= 250, `arrived after ${elapsed} ms`);
	} finally {
		cli.kill();
	}
});

test('random receive delays keep the order of a route, and its close waits behind the data', async () => {
	const cli = startCli(['--no-tui', '-l', '127.0.0.1:0', '-i', 'none', '--rdmin', '0', '--rdmax', '40']);
	try {
		const peer = await connectPeer(await cli.listeningPort());
		const lines = Array.from({length: 60}, (_, index) => `line ${index}\n`);
		for (const line of lines) {
			peer.socket.write(line);
			await new Promise(resolve => setTimeout(resolve, 2));
		}
		peer.socket.end();
		assert.equal((await cli.exit).code, 0);
		assert.equal(cli.stdout().toString(), lines.join(''));
	} finally {
		cli.kill();
	}
});

test('--sdmin/--sdmax delay local sends', async () => {
	const server = await listenPeer();
	const cli = startCli(['--no-tui', '-i', 'stdin-nochar', '--sdmin', '300', `127.0.0.1:${server.port}`]);
	try {
		const peer = await server.accepted();
		const start = performance.now();
		cli.child.stdin!.write('hello');
		await peer.waitFor(5);
		const elapsed = performance.now() - start;
		assert.ok(elapsed >= 250, `arrived after ${elapsed} ms`);
	} finally {
		cli.kill();
		server.close();
	}
});

async function sendThroughListener(extraArgs: string[], payload: Buffer): Promise<Buffer> {
	const cli = startCli(['--no-tui', '-l', '127.0.0.1:0', '-i', 'none', ...extraArgs]);
	try {
		const peer = await connectPeer(await cli.listeningPort());
		peer.socket.end(payload);
		assert.equal((await cli.exit).code, 0);
		return cli.stdout();
	} finally {
		cli.kill();
	}
}

test('--rdrop 1 drops everything a peer sends, --rdrop 0 nothing', async () => {
	const payload = Buffer.alloc(200_000, 'abcdefgh');
	assert.equal((await sendThroughListener(['--rdrop', '1'], payload)).length, 0);
	// A 1 ms delay puts the shaper in the path, so drop 0 is checked there too.
	assert.equal(sha256(await sendThroughListener(['--rdrop', '0', '--rdmax', '1'], payload)), sha256(payload));
});

test('--sdrop 1 drops every local send; the peer still gets the end', async () => {
	const server = await listenPeer();
	try {
		const run = runCli(
			['--no-tui', '-i', 'stdin-nochar', '--sdrop', '1', '--exit-after-input', `127.0.0.1:${server.port}`],
			'some data',
		);
		const peer = await server.accepted();
		await peer.ended;
		assert.equal(peer.received().length, 0);
		assert.equal((await run).code, 0);
	} finally {
		server.close();
	}
});
