// --allow/--deny/--allowfile/--denyfile on real listeners, with clients bound to 127.0.0.1 and
// 127.0.0.2 (TCP and UDP). What a denied client sees was compared with ncat --deny: see
// source/net/access-filter.ts.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer, type Peer} from '../helpers/peers.js';

/** The server ended the connection: a FIN (end) or, when bytes were waiting unread, an RST. */
function turnedAway(peer: Peer): Promise<void> {
	return Promise.race([peer.ended, peer.closed]);
}

function accessFile(t: TestContext, name: string, content: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'netcrab-acl-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

test('TCP: a denied client is closed before a byte is read; deny wins over allow', async t => {
	const server = startCliFor(t, ['--no-tui', '-v', '-i', 'none', '-L', '127.0.0.1:0', '--allow', '127.0.0.0/8', '--deny', '127.0.0.2']);
	const port = await server.listeningPort();
	const denied = await connectPeer(port, '127.0.0.1', '127.0.0.2');
	denied.socket.write('must not arrive');
	await turnedAway(denied);
	assert.equal(denied.received().length, 0);
	await server.waitForStderr(new RegExp(`Denied connection from 127\\.0\\.0\\.2:\\d+ to 127\\.0\\.0\\.1:${port} \\(--allow/--deny\\)`));

	const allowed = await connectPeer(port, '127.0.0.1', '127.0.0.1');
	allowed.socket.write('allowed bytes');
	assert.equal((await server.waitForStdout(13)).toString(), 'allowed bytes');
	assert.doesNotMatch(server.stderr(), /Accepted connection from 127\.0\.0\.2/);
	assert.equal(server.stdout().includes('must not arrive'), false);
});

test('TCP: denied clients take no -m slot, and -l does not end on them', async t => {
	const server = startCliFor(t, ['--no-tui', '-i', 'none', '-m', '1', '-l', '127.0.0.1:0', '--deny', '127.0.0.2']);
	const port = await server.listeningPort();
	for (let index = 0; index < 5; index++) {
		const denied = await connectPeer(port, '127.0.0.1', '127.0.0.2');
		await turnedAway(denied);
	}
	const allowed = await connectPeer(port, '127.0.0.1', '127.0.0.1');
	await server.waitForStderr(/Accepted connection from 127\.0\.0\.1/);
	// With the one slot taken, a denied client is still reported as denied, not as over -m.
	const late = await connectPeer(port, '127.0.0.1', '127.0.0.2');
	await turnedAway(late);
	assert.doesNotMatch(server.stderr(), /already 1 client/);
	allowed.socket.end('the one client');
	assert.equal((await server.exit).code, 0);
	assert.equal(server.stdout().toString(), 'the one client');
});

test('--allowfile with comments and blank lines: only listed sources get in', async t => {
	const allow = accessFile(t, 'allow.txt', '# who may connect\n\n127.0.0.1   # this host\n# 127.0.0.2 is commented out\n');
	const server = startCliFor(t, ['--no-tui', '-v', '-i', 'none', '-L', '127.0.0.1:0', '--allowfile', allow]);
	const port = await server.listeningPort();
	const stranger = await connectPeer(port, '127.0.0.1', '127.0.0.2');
	await turnedAway(stranger);
	await server.waitForStderr(/Denied connection from 127\.0\.0\.2/);
	const listed = await connectPeer(port, '127.0.0.1', '127.0.0.1');
	listed.socket.write('listed');
	assert.equal((await server.waitForStdout(6)).toString(), 'listed');
});

test('--denyfile: listed sources are turned away', async t => {
	const deny = accessFile(t, 'deny.txt', '127.0.0.2/32\n');
	const server = startCliFor(t, ['--no-tui', '-v', '-i', 'none', '-L', '127.0.0.1:0', '--denyfile', deny]);
	const port = await server.listeningPort();
	const denied = await connectPeer(port, '127.0.0.1', '127.0.0.2');
	await turnedAway(denied);
	await server.waitForStderr(/Denied connection from 127\.0\.0\.2/);
});

async function udpSocket(t: TestContext, address: string): Promise<dgram.Socket> {
	const socket = dgram.createSocket('udp4');
	socket.bind(0, address);
	await once(socket, 'listening');
	t.after(() => socket.close());
	return socket;
}

test('UDP: a denied source is dropped and counted, never a peer; an allowed one is', async t => {
	const server = startCliFor(t, [
		'--no-tui',
		'-v',
		'-u',
		'-i',
		'none',
		'-L',
		'127.0.0.1:0',
		'--allow',
		'127.0.0.1',
		'--deny',
		'127.0.0.2',
	]);
	const port = await server.listeningPort();
	const denied = await udpSocket(t, '127.0.0.2');
	for (let index = 0; index < 3; index++) denied.send(`denied ${index}`, port, '127.0.0.1');
	await server.waitForStderr(/Denied datagrams from 127\.0\.0\.2 on 127\.0\.0\.1:\d+ \(--allow\/--deny\); dropping them/);
	const allowed = await udpSocket(t, '127.0.0.1');
	allowed.send('allowed datagram', port, '127.0.0.1');
	await server.waitForStdout(16);
	assert.equal(server.stdout().toString(), 'allowed datagram');
	assert.match(server.stderr(), /New peer 127\.0\.0\.1:\d+/);
	assert.doesNotMatch(server.stderr(), /New peer 127\.0\.0\.2/);
	// Said once per source, however many datagrams it sends.
	assert.equal(server.stderr().match(/Denied datagrams from 127\.0\.0\.2/g)?.length, 1);
});
