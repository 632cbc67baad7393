// --capture and --hex-dump through the built CLI with real peers on loopback, read back by tshark
// (the reader Wireshark users have). Each test also checks that peers got exactly what was sent:
// capturing must not change the traffic.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {startCli, startCliFor} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';
import {captureInfo, followTcp, packetFields, tsharkMissing} from '../helpers/tshark.js';

function tempFile(t: TestContext, name: string): string {
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-capture-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	return join(directory, name);
}

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {version: string}).version;

test('256 KiB both ways on a TCP route: tshark follows each side byte for byte with the real ports', {skip: tsharkMissing}, async t => {
	const file = tempFile(t, 'both-ways.pcapng');
	const fromPeer = randomBytes(256 * 1024);
	const fromUs = randomBytes(256 * 1024);
	const cli = startCliFor(t, ['-l', '127.0.0.1:0', '--capture', file]);
	const port = await cli.listeningPort();
	const peer = await connectPeer(port);
	const peerPort = peer.socket.localPort;
	cli.child.stdin!.end(fromUs);
	peer.socket.end(fromPeer);
	assert.equal(sha256(await peer.waitFor(fromUs.length)), sha256(fromUs), 'the peer got exactly our stdin');
	assert.equal(sha256(await cli.waitForStdout(fromPeer.length)), sha256(fromPeer), 'our stdout got exactly what the peer sent');
	assert.equal((await cli.exit).code, 0);

	const stream = await followTcp(file, 0);
	assert.equal(stream.node0, `127.0.0.1:${peerPort}`, 'the peer opened the connection from its real port');
	assert.equal(stream.node1, `127.0.0.1:${port}`);
	assert.equal(stream.data0.length, fromPeer.length);
	assert.equal(sha256(stream.data0), sha256(fromPeer));
	assert.equal(sha256(stream.data1), sha256(fromUs));
	const flags = await packetFields(file, ['tcp.flags.str', 'tcp.len']);
	assert.match(flags[0]![0]!, /S/, 'the first packet is the SYN');
	assert.ok(
		flags.some(([flag]) => /F/.test(flag!)),
		'the connection ends with a FIN',
	);
	assert.ok(Math.max(...flags.map(([, length]) => Number(length))) <= 65_495, 'chunks above 64 KiB are cut');
	const analysis = await packetFields(file, ['frame.number'], 'tcp.analysis.flags && !tcp.analysis.window_update');
	assert.deepEqual(analysis, [], 'tshark sees no lost segment, retransmission or out-of-order packet');

	const info = await captureInfo(file);
	assert.match(info, new RegExp(`Capture application: netcrab-tui ${version.replace(/\./g, '\\.')}`));
	assert.match(info, new RegExp(`Description = netcrab-tui listener 127\\.0\\.0\\.1:${port} \\(TCP\\)`));
});

test('a hub of three peers gives three streams, each holding what that peer sent and heard', {skip: tsharkMissing}, async t => {
	const file = tempFile(t, 'hub.pcapng');
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '-f', 'hub', '--capture', file]);
	const port = await cli.listeningPort();
	const peers = [await connectPeer(port), await connectPeer(port), await connectPeer(port)];
	await cli.waitForStderr(/(Accepted[^]*){3}/);
	const ports = peers.map(peer => peer.socket.localPort);
	const said = ['first says hello;', 'second says more than that;', 'third;'];
	for (const [index, peer] of peers.entries()) {
		peer.socket.write(said[index]!);
		// Each waits for the others to hear it, so every stream's order is known.
		for (const [other, listener] of peers.entries())
			if (other !== index)
				await listener.waitFor(
					said
						.slice(0, index + 1)
						.filter((_, i) => i !== other)
						.join('').length,
				);
	}
	for (const peer of peers) peer.socket.end();
	cli.child.kill('SIGTERM');
	await cli.exit;

	const streams = new Set((await packetFields(file, ['tcp.stream'])).map(([stream]) => stream));
	assert.equal(streams.size, 3);
	for (let index = 0; index < 3; index++) {
		const stream = await followTcp(file, index);
		const owner = ports.findIndex(peerPort => stream.node0 === `127.0.0.1:${peerPort}`);
		const peer = peers[owner];
		assert.ok(peer, `stream ${index} belongs to one of the peers (${stream.node0})`);
		assert.equal(stream.data0.toString(), said[owner]);
		assert.equal(stream.data1.toString(), peer.received().toString());
		assert.equal(stream.node1, `127.0.0.1:${port}`);
	}
});

test('a run that ends (SIGTERM) with a connection open ends it in the file with our FIN', {skip: tsharkMissing}, async t => {
	const file = tempFile(t, 'sigterm.pcapng');
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '--capture', file]);
	const port = await cli.listeningPort();
	const peer = await connectPeer(port);
	peer.socket.write('still talking');
	await cli.waitForStdout(13);
	cli.child.kill('SIGTERM');
	await cli.exit;
	const packets = await packetFields(file, ['tcp.srcport', 'tcp.flags.str']);
	const [source, flags] = packets.at(-1)!;
	assert.equal(Number(source), port, 'the last packet is ours');
	assert.match(flags!, /F/, 'and it is a FIN');
	assert.equal((await followTcp(file, 0)).data0.toString(), 'still talking');
});

test('UDP: one packet per datagram with its size, both ways, real ports (IPv4 and IPv6)', {skip: tsharkMissing}, async t => {
	for (const host of ['127.0.0.1', '::1']) {
		const file = tempFile(t, `udp-${host === '::1' ? 6 : 4}.pcapng`);
		const cli = startCliFor(t, ['-u', '-L', host.includes(':') ? `[${host}]:0` : `${host}:0`, '-i', 'echo', '--capture', file]);
		const port = await cli.listeningPort();
		const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
		t.after(() => socket.close());
		socket.bind(0, host);
		await once(socket, 'listening');
		const echoed: number[] = [];
		const changed = new Condition();
		socket.on('message', message => {
			echoed.push(message.length);
			changed.notify();
		});
		const sizes = [1, 100, 1400, 20_000, 65_000];
		for (const [index, size] of sizes.entries()) {
			socket.send(randomBytes(size), port, host);
			await changed.until(() => (echoed.length > index ? true : undefined), `echo of datagram ${index}`);
		}
		assert.deepEqual(echoed, sizes);
		cli.child.kill('SIGTERM');
		await cli.exit;
		const ourPort = socket.address().port;
		// tshark checks UDP checksums when asked: IPv6 ones must be right (1), IPv4 ones are absent (3).
		const packets = await packetFields(file, ['udp.srcport', 'udp.dstport', 'udp.length', 'udp.checksum.status'], 'udp', [
			'udp.check_checksum:TRUE',
		]);
		assert.deepEqual(new Set(packets.map(packet => packet[3])), new Set([host === '::1' ? '1' : '3']));
		const toUs = packets.filter(([source]) => Number(source) === ourPort);
		const fromUs = packets.filter(([, destination]) => Number(destination) === ourPort);
		assert.deepEqual(
			toUs.map(([, destination, length]) => [Number(destination), Number(length) - 8]),
			sizes.map(size => [port, size]),
		);
		assert.deepEqual(
			fromUs.map(([source, , length]) => [Number(source), Number(length) - 8]),
			sizes.map(size => [port, size]),
		);
		assert.equal(packets.length, sizes.length * 2);
	}
});

test('--capture-max stops capturing at the size with one notice; the traffic goes on whole', {skip: tsharkMissing}, async t => {
	const file = tempFile(t, 'limited.pcapng');
	const cli = startCliFor(t, ['-l', '127.0.0.1:0', '-i', 'echo', '--capture', file, '--capture-max', '100k']);
	const port = await cli.listeningPort();
	const peer = await connectPeer(port);
	const data = randomBytes(1024 * 1024);
	peer.socket.end(data);
	assert.equal(sha256(await peer.waitFor(data.length)), sha256(data), 'the echo is whole although the capture stopped');
	assert.equal((await cli.exit).code, 0);
	const size = statSync(file).size;
	assert.ok(size <= 100 * 1024, `file size ${size} is at most 100 KiB`);
	assert.ok(size > 30 * 1024, `file size ${size}: the capture ran until near the limit`);
	assert.equal(cli.stderr().match(/capture stopped/g)?.length, 1, cli.stderr());
	assert.match(cli.stderr(), /capture stopped: .*limited\.pcapng reached its size limit \(--capture-max 100k\)/);
	const packets = await packetFields(file, ['frame.len']);
	assert.ok(packets.length > 2, 'tshark reads the stopped file');
});

test('--hex-dump holds every byte both ways, each block with time, route and direction', async t => {
	const file = tempFile(t, 'dump.txt');
	const cli = startCliFor(t, ['-l', '127.0.0.1:0', '-i', 'echo', '--hex-dump', file]);
	const port = await cli.listeningPort();
	const peer = await connectPeer(port);
	const peerName = `127.0.0.1:${peer.socket.localPort}`;
	const data = randomBytes(300 * 1024);
	peer.socket.end(data);
	assert.equal(sha256(await peer.waitFor(data.length)), sha256(data));
	assert.equal((await cli.exit).code, 0);
	const received: Buffer[] = [];
	const sent: Buffer[] = [];
	let current: Buffer[] | undefined;
	let expected = 0;
	for (const line of readFileSync(file, 'latin1').split('\n')) {
		const header = /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\] route (\d+) (\S+) -> (\S+), (\d+) bytes$/.exec(line);
		if (header) {
			current =
				header[2] === peerName && header[3] === 'us' ? received : header[2] === 'us' && header[3] === peerName ? sent : undefined;
			assert.ok(current, `a block names the peer and a direction: ${line}`);
			expected += Number(header[4]);
			continue;
		}
		const hex = /^([0-9a-f]{4,8})   (.{49})/.exec(line);
		if (hex && current) current.push(Buffer.from(hex[2]!.replace(/ /g, ''), 'hex'));
	}
	assert.equal(sha256(Buffer.concat(received)), sha256(data));
	assert.equal(sha256(Buffer.concat(sent)), sha256(data));
	assert.equal(expected, 2 * data.length);
});

// As `ncat -x FILE`, an existing file is replaced, and one that cannot be opened stops the run
// before it starts (ncat prints "open: No such file or directory" and exits 2; we print one line
// and exit 1, the status of run-time errors here, since the flag itself was well formed).
// socat only dumps to stderr (-v/-x); nc has no dump.
test(
	'an outbound route is named for its target; a capture file that cannot be written is one line, exit 1',
	{skip: tsharkMissing},
	async t => {
		const file = tempFile(t, 'target.pcapng');
		writeFileSync(file, 'an older file, longer than nothing, that the capture replaces');
		const server = await listenPeer('127.0.0.1', {answerFin: true});
		t.after(() => server.close());
		const cli = startCli(['--capture', file, `127.0.0.1:${server.port}`]);
		cli.child.stdin!.end('request\n');
		const accepted = await server.accepted();
		await accepted.waitFor(8);
		assert.equal((await cli.exit).code, 0);
		assert.match(await captureInfo(file), new RegExp(`Description = netcrab-tui target 127\\.0\\.0\\.1:${server.port} \\(TCP\\)`));
		assert.equal((await followTcp(file, 0)).data0.toString(), 'request\n');
		assert.equal(readFileSync(file).readUInt32LE(0), 0x0a0d0d0a, 'the file starts with a section header, not the old bytes');

		const bad = startCli(['-l', '127.0.0.1:0', '--capture', join(tmpdir(), 'no-such-dir-netcrab', 'x.pcapng')]);
		bad.child.stdin!.end();
		assert.equal((await bad.exit).code, 1);
		assert.match(bad.stderr(), /^netcrab-tui: cannot write capture file .*x\.pcapng: no such file or directory \(ENOENT\)\n$/);
	},
);
