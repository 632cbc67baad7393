// Issue 9: -q, -w, --idle-timeout and -r across server restarts (source/lifecycle/*.ts), against
// real listeners on loopback. The nc/ncat/socat comparison is in readme.md ("Endings").
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import net from 'node:net';
import {createInterface} from 'node:readline';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer, listenPeer, wrapSocket, type Peer} from '../helpers/peers.js';

test('-q 1: once stdin ended and the FIN went out, the client exits 0 although the server never closes', async t => {
	const server = await listenPeer();
	t.after(() => server.close());
	const client = startCliFor(t, ['--no-tui', '-q', '1', `127.0.0.1:${server.port}`]);
	client.child.stdin!.end('bye');
	const peer = await server.accepted();
	await peer.ended;
	assert.equal((await client.exit).code, 0);
	assert.equal(peer.received().toString(), 'bye');
	assert.match(client.stderr(), /^Connected from/m);
});

/**
 * A listener whose accept queue is full, so the kernel drops further SYNs: backlog 0, never
 * accepts, filled with connections first. (Checked on Linux: connects then hang in SYN-SENT.)
 */
const fullListener = `
import socket, time
l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen(0)
port = l.getsockname()[1]
fill = []
for _ in range(3):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', port))
    except BlockingIOError: pass
    fill.append(c)
time.sleep(0.3)
print(port, flush=True)
time.sleep(120)
`;

async function startFullListener(t: {after(fn: () => void): void}): Promise<number> {
	const python = spawn('python3', ['-c', fullListener], {stdio: ['ignore', 'pipe', 'inherit']});
	t.after(() => python.kill('SIGKILL'));
	const [line] = (await once(createInterface({input: python.stdout}), 'line')) as [string];
	return Number(line);
}

test('-w 1 against a listener that drops SYNs: `cannot connect to HOST:PORT: timed out after 1 s`, exit 1', async t => {
	const port = await startFullListener(t);
	const client = startCliFor(t, ['--no-tui', '-w', '1', `127.0.0.1:${port}`]);
	const {code} = await client.exit;
	assert.equal(code, 1);
	assert.equal(client.stderr().trim(), `netcrab-tui: cannot connect to 127.0.0.1:${port}: timed out after 1 s`);
});

test('-w with -R: a timeout is a failed attempt, retried with the backoff', async t => {
	const port = await startFullListener(t);
	const client = startCliFor(t, ['--no-tui', '-R', '-w', '0.5', `127.0.0.1:${port}`]);
	await client.waitForStderr(/timed out after 0\.5 s; reconnecting[^]*timed out after 0\.5 s; reconnecting/);
	assert.equal(client.child.exitCode, null, 'still trying');
});

test('--idle-timeout closes a silent peer with a status line, and spares one that keeps talking', async t => {
	const server = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0', '-m', '2', '-i', 'none', '-v', '--idle-timeout', '1']);
	const port = await server.listeningPort();
	const chatty = await connectPeer(port);
	const silent = await connectPeer(port);
	t.after(() => chatty.socket.destroy());
	let talking = true;
	const talk = setInterval(() => talking && chatty.socket.write('.'), 200);
	t.after(() => clearInterval(talk));
	await silent.ended;
	assert.match(server.stderr(), /#2 127\.0\.0\.1:\d+ idle for 1 s \(--idle-timeout\): closing/);
	assert.equal(chatty.socket.readableEnded, false, 'the talking peer is still connected');
	talking = false;
	await chatty.ended;
	assert.match(server.stderr(), /#1 127\.0\.0\.1:\d+ idle for 1 s \(--idle-timeout\): closing/);
	assert.equal(server.child.exitCode, null, '-L keeps listening');
});

/** A server on a fixed port that can be stopped and started again. */
async function serveOn(port: number): Promise<{server: net.Server; accepted: Promise<Peer>}> {
	const server = net.createServer({allowHalfOpen: true});
	const accepted = new Promise<Peer>(resolve => server.once('connection', socket => resolve(wrapSocket(socket))));
	server.listen(port, '127.0.0.1');
	await once(server, 'listening');
	return {server, accepted};
}

test('-r survives two server restarts: refused reconnects are retried until the server is back', async t => {
	let {server, accepted} = await serveOn(0);
	const port = (server.address() as net.AddressInfo).port;
	const client = startCliFor(t, ['--no-tui', '-r', `127.0.0.1:${port}`]);
	t.after(() => server.close());
	for (let round = 1; round <= 3; round++) {
		const peer = await accepted;
		peer.socket.write(`round ${round}\n`);
		await client.waitForStdout(`round ${round}\n`.length * round);
		if (round === 3) break;
		// The server goes away: it closes the connection and stops listening.
		server.close();
		peer.socket.end();
		const refusals = (client.stderr().match(/connection refused/g) ?? []).length;
		await client.waitForStderr(new RegExp(`(connection refused[^]*){${refusals + 1}}`));
		({server, accepted} = await serveOn(port));
	}
	assert.equal(client.stdout().toString(), 'round 1\nround 2\nround 3\n');
	assert.match(
		client.stderr(),
		/cannot connect to 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\); reconnecting to 127\.0\.0\.1:\d+ in \d+ ms/,
	);
	assert.equal(client.child.exitCode, null);
});
