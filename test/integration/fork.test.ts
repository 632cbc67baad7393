// --fork: one upstream connection per client, through the built CLI with real peers.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';
import {startPythonUpstream} from '../helpers/python-upstream.js';

test('--fork: 20 concurrent clients x 1 MiB both ways, each with its own python upstream connection', {timeout: 120_000}, async t => {
	const size = 1 << 20;
	const upstream = await startPythonUpstream(t, size);
	const relay = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '-m', '20', '-o', 'none', '--fork', `127.0.0.1:${upstream.port}`]);
	const port = await relay.listeningPort();
	assert.deepEqual(
		upstream.lines().filter(line => line.startsWith('accepted')),
		[],
		'nothing is dialled before a client arrives',
	);
	const clients = await Promise.all(Array.from({length: 20}, () => connectPeer(port)));
	const sent = clients.map(() => randomBytes(size));
	for (const [index, client] of clients.entries()) client.socket.end(sent[index]!);
	const received = await Promise.all(
		clients.map(async client => {
			await client.ended;
			return client.received();
		}),
	);
	const done = await upstream.waitForLines(/^done /, 20);
	// Each client's pair of hashes is one upstream connection's pair: nothing crossed between clients.
	const upstreamPairs = new Set(done.map(line => line.split(' ').slice(2).join(' ')));
	for (const [index, data] of received.entries()) {
		assert.equal(data.length, size, `client ${index} got all of its upstream's bytes`);
		assert.ok(
			upstreamPairs.has(`${sha256(sent[index]!)} ${sha256(data)}`),
			`client ${index}'s bytes went to the upstream whose bytes it got`,
		);
	}
	const accepted = upstream.lines().filter(line => line.startsWith('accepted'));
	assert.equal(accepted.length, 20, 'each client got an upstream connection of its own');
	assert.equal(new Set(accepted.map(line => line.split(' ')[2])).size, 20, 'from 20 different source ports');
});

test('--fork: when a client leaves, its upstream connection is closed, and the others carry on', {timeout: 60_000}, async t => {
	// A typical upstream: it closes when its peer half-closes.
	const server = await listenPeer('127.0.0.1', {answerFin: true});
	t.after(() => server.close());
	const relay = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '--fork', `127.0.0.1:${server.port}`]);
	const port = await relay.listeningPort();
	const leaving = await connectPeer(port);
	const staying = await connectPeer(port);
	leaving.socket.write('a');
	staying.socket.write('b');
	// Which upstream belongs to which client is told by what arrives on it.
	const first = await server.accepted(0);
	const second = await server.accepted(1);
	await Promise.all([first.waitFor(1), second.waitFor(1)]);
	const [leavingUpstream, stayingUpstream] = first.received().toString() === 'a' ? [first, second] : [second, first];
	leaving.socket.destroy();
	await leavingUpstream.closed;
	stayingUpstream.socket.write('still here');
	assert.equal((await staying.waitFor(10)).toString(), 'still here');
});

// A refused upstream, in the three tools (each tried by hand on loopback): socat fork logs
// "E connect(...): Connection refused" and closes the client with a FIN; ncat -lk --sh-exec
// 'ncat HOST PORT' prints "Ncat: Connection refused." and the client gets a FIN; netcrab-tui
// closes the client with a FIN too, and its line names the client, the target and the reason.
test('--fork: a refused upstream closes only that client, with one line naming target and reason', {timeout: 60_000}, async t => {
	const server = await listenPeer();
	t.after(() => server.close());
	const relay = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '--fork', `127.0.0.1:${server.port}`]);
	const port = await relay.listeningPort();
	const served = await connectPeer(port);
	const upstream = await server.accepted(0);
	// The upstream stops accepting: the next dial is refused.
	server.server.close();
	const refused = await connectPeer(port);
	await refused.ended;
	assert.equal(refused.received().length, 0);
	const [line] = await relay.waitForStderr(
		new RegExp(
			`--fork: closed client 127\\.0\\.0\\.1:${refused.socket.localPort}: cannot connect to 127\\.0\\.0\\.1:${server.port}: connection refused.*\\n`,
		),
	);
	assert.equal(relay.stderr().split(line).length, 2, 'said once');
	served.socket.write('ping');
	assert.equal((await upstream.waitFor(4)).toString(), 'ping');
	upstream.socket.write('pong');
	assert.equal((await served.waitFor(4)).toString(), 'pong');
	const later = await connectPeer(port);
	await later.ended;
	assert.equal(relay.child.exitCode, null, 'the listener goes on');
});

test('targets shared by listeners in a channel mode are announced once, naming --fork; not with --fork', {timeout: 60_000}, async t => {
	const server = await listenPeer();
	t.after(() => server.close());
	const shared = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '-f', 'c', `127.0.0.1:${server.port}`]);
	await shared.listeningPort();
	await shared.waitForStderr(/dialled once at start and shared.*--fork/);
	const forked = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '--fork', `127.0.0.1:${server.port}`]);
	await forked.listeningPort();
	const client = await connectPeer(await forked.listeningPort());
	await forked.waitForStderr(/Connected from/);
	client.socket.destroy();
	assert.doesNotMatch(forked.stderr(), /shared/);
});
