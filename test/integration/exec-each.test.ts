// --exec-each: a child per peer, through the built CLI, with the process table as witness.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {existsSync} from 'node:fs';
import {test} from 'node:test';
import {startCliFor, type RunningCli} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';
import {connectPeer, type Peer} from '../helpers/peers.js';

/** The pid is gone from the process table: exited and reaped (a zombie still has an entry). */
const gone = (pid: number) => !existsSync(`/proc/${pid}`);

/** Waits until no pid in the list has an entry in the process table (polled: exits are not announced). */
async function untilGone(pids: number[], timeoutMs = 10_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!pids.every(gone)) {
		if (performance.now() > deadline) throw new Error(`still in the process table: ${pids.filter(pid => !gone(pid)).join(' ')}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

/** The pids of the children started so far, from the "Started ... (pid N)" lines. */
function childPids(cli: RunningCli): number[] {
	return [...cli.stderr().matchAll(/Started ".*" \(pid (\d+)\)/g)].map(match => Number(match[1]));
}

/** The index-th complete line the peer received (the peer has no per-line event: polled). */
async function line(peer: Peer, index: number): Promise<string> {
	const condition = new Condition();
	const timer = setInterval(() => condition.notify(), 20);
	const complete = () => peer.received().toString().split('\n').slice(0, -1);
	try {
		return await condition.until(() => complete()[index], `line ${index}`, {seen: () => JSON.stringify(peer.received().toString())});
	} finally {
		clearInterval(timer);
	}
}

// Line by line: awk and sed may read ahead or buffer in a pipe, one tr per line cannot.
const upperCase = `echo "peer $NETCRAB_PEER_ADDR $NETCRAB_PEER_PORT $NETCRAB_LOCAL_PORT $NETCRAB_PROTO"; while IFS= read -r l; do printf '%s\\n' "$l" | tr a-z A-Z; done`;

test(
	'--exec-each: 10 concurrent clients, each answered line by line by its own child only; children gone when the clients leave',
	{timeout: 60_000},
	async t => {
		const cli = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '-m', '10', '-o', 'none', '--exec-each', upperCase]);
		const port = await cli.listeningPort();
		const clients = await Promise.all(Array.from({length: 10}, () => connectPeer(port)));
		const ports = clients.map(client => client.socket.localPort);
		await Promise.all(
			clients.map(async (client, index) => {
				assert.equal(await line(client, 0), `peer 127.0.0.1 ${client.socket.localPort} ${port} TCP`);
				client.socket.write(`client ${index} first\n`);
				assert.equal(await line(client, 1), `CLIENT ${index} FIRST`);
				client.socket.write(`client ${index} second\n`);
				assert.equal(await line(client, 2), `CLIENT ${index} SECOND`);
			}),
		);
		const pids = childPids(cli);
		assert.equal(new Set(pids).size, 10, 'one child per client');
		assert.ok(pids.every(pid => !gone(pid)));
		// Each client half-closes: its child sees end of file, exits, and the client is closed.
		for (const client of clients) client.socket.end();
		await Promise.all(clients.map(client => client.ended));
		for (const [index, client] of clients.entries()) {
			assert.equal(
				client.received().toString(),
				`peer 127.0.0.1 ${ports[index]} ${port} TCP\nCLIENT ${index} FIRST\nCLIENT ${index} SECOND\n`,
			);
		}
		await untilGone(pids);
		assert.equal(cli.child.exitCode, null, 'the server goes on');
	},
);

test('--exec-each: the child exiting half-closes and then closes its peer', {timeout: 30_000}, async t => {
	const cli = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '-o', 'none', '--exec-each', 'echo bye']);
	const client = await connectPeer(await cli.listeningPort());
	await client.ended;
	assert.equal(client.received().toString(), 'bye\n');
	client.socket.end();
	await client.closed;
});

test('--exec-each: SIGTERM of the run ends every child and what it started, even when they ignore SIGTERM', {timeout: 60_000}, async t => {
	// The shell ignores SIGTERM and so does the sleep it leaves behind: only SIGKILL ends them.
	const stubborn = `trap '' TERM; sleep 1000 & echo "grandchild $!"; cat`;
	const cli = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '-m', '3', '-o', 'none', '--exec-each', stubborn]);
	const port = await cli.listeningPort();
	const clients = await Promise.all(Array.from({length: 3}, () => connectPeer(port)));
	const grandchildren = await Promise.all(clients.map(async client => Number((await line(client, 0)).split(' ')[1])));
	const pids = [...childPids(cli), ...grandchildren];
	assert.equal(pids.length, 6);
	assert.ok(pids.every(pid => !gone(pid)));
	t.after(() => {
		for (const pid of pids) if (!gone(pid)) process.kill(pid, 'SIGKILL');
	});
	cli.child.kill('SIGTERM');
	assert.equal((await cli.exit).code, 143);
	await untilGone(pids);
});

// ncat -u -e sends each read of the child's output as one datagram, and so does netcrab-tui: one
// write is one datagram as long as the child does not write again before it was read.
test(
	'--exec-each -u: one child per peer address; each datagram goes to its stdin, each answer comes back as one datagram',
	{timeout: 30_000},
	async t => {
		const cli = startCliFor(t, [
			'--no-tui',
			'-u',
			'-L',
			'127.0.0.1:0',
			'-o',
			'none',
			'--exec-each',
			'while read -r l; do echo "got $l over $NETCRAB_PROTO"; done',
		]);
		const port = await cli.listeningPort();
		const sockets = [dgram.createSocket('udp4'), dgram.createSocket('udp4')];
		t.after(() => sockets.forEach(socket => socket.close()));
		const received: string[][] = [[], []];
		const changed = new Condition();
		for (const [index, socket] of sockets.entries()) {
			socket.on('message', data => {
				received[index]!.push(data.toString());
				changed.notify();
			});
			socket.bind(0, '127.0.0.1');
			await once(socket, 'listening');
		}
		const seen = () => `${JSON.stringify(received)}\n${cli.stderr()}`;
		for (const round of [1, 2]) {
			for (const [index, socket] of sockets.entries()) socket.send(`${round} from ${index}\n`, port, '127.0.0.1');
			await changed.until(() => (received.every(list => list.length >= round) ? true : undefined), `answers of round ${round}`, {
				seen,
			});
		}
		for (const [index, list] of received.entries())
			assert.deepEqual(list, [`got 1 from ${index} over UDP\n`, `got 2 from ${index} over UDP\n`], `peer ${index}`);
		assert.equal(childPids(cli).length, 2, 'one child per peer address');
	},
);

test('--exec-each behind a listener other machines reach is warned about, like -e', {timeout: 30_000}, async t => {
	const cli = startCliFor(t, ['--no-tui', '-L', '0.0.0.0:0', '--exec-each', 'cat']);
	await cli.waitForStderr(/warning: --exec-each runs "cat" for anyone who reaches 0\.0\.0\.0:\d+/);
});
