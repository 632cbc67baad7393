// Issue 18 item 13: TCP keepalive on every TCP route, so a peer that vanished (no FIN, no RST)
// is found and frees its -m slot. Read from /proc/net/tcp: a socket whose keepalive timer runs
// shows timer kind 2 there, with the time left in clock ticks (USER_HZ, 100 a second).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer, listenPeer} from '../helpers/peers.js';

interface TcpTimer {
	kind: number;
	seconds: number;
}

/** The timer of the IPv4 loopback socket from localPort to remotePort, if that socket exists. */
function timerOf(localPort: number, remotePort: number): TcpTimer | undefined {
	const hexPort = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
	for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		if (fields[1] !== `0100007F:${hexPort(localPort)}` || fields[2] !== `0100007F:${hexPort(remotePort)}`) continue;
		const [kind, when] = fields[5]!.split(':');
		return {kind: Number.parseInt(kind!, 16), seconds: Number.parseInt(when!, 16) / 100};
	}
	return undefined;
}

const keepaliveTimer = 2;

test('Given no --keepalive, When a client connects to -L, Then its route has a keepalive timer of at most 60 s', async t => {
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '-i', 'none', '-o', 'none']);
	const port = await cli.listeningPort();
	const client = await connectPeer(port);
	t.after(() => client.socket.destroy());
	await cli.waitForStderr(/Accepted connection/);
	const timer = timerOf(port, client.socket.localPort!);
	assert.equal(timer?.kind, keepaliveTimer, `timer ${JSON.stringify(timer)}`);
	assert.ok(timer!.seconds > 0 && timer!.seconds <= 60, `${timer!.seconds} s`);
});

test('Given --keepalive 7, When we connect to a target, Then our socket has a keepalive timer of at most 7 s', async t => {
	const server = await listenPeer();
	t.after(() => server.close());
	const cli = startCliFor(t, ['--keepalive', '7', '-i', 'none', `127.0.0.1:${server.port}`]);
	const accepted = await server.accepted();
	await cli.waitForStderr(/Connected from/);
	const timer = timerOf(accepted.socket.remotePort!, server.port);
	assert.equal(timer?.kind, keepaliveTimer, `timer ${JSON.stringify(timer)}`);
	assert.ok(timer!.seconds > 0 && timer!.seconds <= 7, `${timer!.seconds} s`);
});

test('Given --keepalive 0, When a client connects, Then no keepalive timer runs', async t => {
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '--keepalive', '0', '-i', 'none', '-o', 'none']);
	const port = await cli.listeningPort();
	const client = await connectPeer(port);
	t.after(() => client.socket.destroy());
	await cli.waitForStderr(/Accepted connection/);
	assert.notEqual(timerOf(port, client.socket.localPort!)?.kind, keepaliveTimer);
});
