// UDP through the built CLI against python and socat peers: round trips, datagram boundaries,
// --ss, echo, hub, channels, several binds, -4/-6.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {startUdpPeerFor} from '../helpers/udp-peers.js';

const cli = startCliFor;
const peer = startUdpPeerFor;

const sizes = (datagrams: Array<{data: Buffer}>) => datagrams.map(datagram => datagram.data.length);

test('a listener receives datagrams, reports the peer once and answers it', async t => {
	const netcrab = cli(t, ['-u', '-L', '127.0.0.1:0']);
	const port = await netcrab.listeningPort();
	assert.match(netcrab.stderr(), new RegExp(`^Listening on 127\\.0\\.0\\.1:${port}, protocol UDP, family IPv4$`, 'm'));
	const python = await peer(t, {host: '127.0.0.1'});
	const payloads = [Buffer.from('a'), Buffer.alloc(1000, 'b'), Buffer.alloc(3000, 'c')];
	for (const payload of payloads) await python.send(payload, '127.0.0.1', port);
	assert.deepEqual(await netcrab.waitForStdout(4001), Buffer.concat(payloads));
	const seen = netcrab.stderr().match(/^New peer .*$/gm) ?? [];
	assert.equal(seen.length, 1);
	assert.match(
		seen[0]!,
		new RegExp(
			`^New peer 127\\.0\\.0\\.1:${python.port} seen at \\d\\d:\\d\\d:\\d\\d on 127\\.0\\.0\\.1:${port}, protocol UDP, family IPv4$`,
		),
	);

	netcrab.child.stdin!.write('reply');
	const [answer] = await python.waitForDatagrams(1);
	assert.equal(answer!.data.toString(), 'reply');
	assert.equal(answer!.port, port);
});

test('a target gets local input cut into --ss datagrams from SRC, and its answers reach stdout', async t => {
	const python = await peer(t, {host: '127.0.0.1'});
	const netcrab = cli(t, ['-u', '--ss', '100', `127.0.0.2=127.0.0.1:${python.port}`]);
	await netcrab.waitForStderr(/^Sending from 127\.0\.0\.2:\d+ to 127\.0\.0\.1:\d+, protocol UDP, family IPv4$/m);
	netcrab.child.stdin!.write(Buffer.alloc(250, 'x'));
	const received = await python.waitForDatagrams(3);
	assert.deepEqual(sizes(received), [100, 100, 50]);
	assert.equal(received[0]!.host, '127.0.0.2');

	await python.send('answer', '127.0.0.2', received[0]!.port);
	assert.equal((await netcrab.waitForStdout(6)).toString(), 'answer');
});

test('-i echo sends each datagram back whole: three in, the same three out', async t => {
	const netcrab = cli(t, ['-u', '-L', '127.0.0.1:0', '-i', 'echo']);
	const port = await netcrab.listeningPort();
	const python = await peer(t, {host: '127.0.0.1'});
	for (const size of [7, 1400, 9000]) await python.send(Buffer.alloc(size, size % 256), '127.0.0.1', port);
	const echoed = await python.waitForDatagrams(3);
	assert.deepEqual(sizes(echoed), [7, 1400, 9000]);
	assert.ok(echoed.every(datagram => datagram.data.every(byte => byte === datagram.data.length % 256)));
});

test('socat talks to a UDP listener both ways', async t => {
	const netcrab = cli(t, ['-u', '-L', '127.0.0.1:0', '-i', 'echo']);
	const port = await netcrab.listeningPort();
	const socat = spawn('socat', ['-t', '5', '-', `UDP:127.0.0.1:${port}`]);
	t.after(() => socat.kill('SIGKILL'));
	let echoed = '';
	const answered = new Promise<void>(resolve =>
		socat.stdout.on('data', (chunk: Buffer) => {
			echoed += chunk.toString();
			if (echoed === 'hello socat\n') resolve();
		}),
	);
	socat.stdin.write('hello socat\n');
	await answered;
	assert.equal((await netcrab.waitForStdout(12)).toString(), 'hello socat\n');
});

test('hub forwards every datagram to the other peers, whole', async t => {
	const netcrab = cli(t, ['-u', '-L', '127.0.0.1:0', '-f', 'hub', '-i', 'none']);
	const port = await netcrab.listeningPort();
	const [a, b, c] = await Promise.all([1, 2, 3].map(() => peer(t, {host: '127.0.0.1'})));
	await a!.send('a1', '127.0.0.1', port);
	await netcrab.waitForStderr(new RegExp(`New peer 127\\.0\\.0\\.1:${a!.port} `));
	await b!.send('b1', '127.0.0.1', port);
	await netcrab.waitForStderr(new RegExp(`New peer 127\\.0\\.0\\.1:${b!.port} `));
	await c!.send(Buffer.alloc(5000, 'c'), '127.0.0.1', port);
	await netcrab.waitForStderr(new RegExp(`New peer 127\\.0\\.0\\.1:${c!.port} `));
	await a!.send('a2', '127.0.0.1', port);

	assert.deepEqual(
		(await a!.waitForDatagrams(2)).map(d => d.data.toString()),
		['b1', 'c'.repeat(5000)],
	);
	assert.deepEqual(
		(await b!.waitForDatagrams(2)).map(d => d.data.toString()),
		['c'.repeat(5000), 'a2'],
	);
	assert.deepEqual(
		(await c!.waitForDatagrams(1)).map(d => d.data.toString()),
		['a2'],
	);
	assert.equal((await netcrab.waitForStdout(5006)).length, 5006);
});

test('channels pair peers from 127.0.0.1 and 127.0.0.2, not two from the same host', async t => {
	const netcrab = cli(t, ['-u', '-L', '127.0.0.1:0', '-f', 'channels', '-i', 'none']);
	const port = await netcrab.listeningPort();
	const first = await peer(t, {host: '127.0.0.1'});
	const sameHost = await peer(t, {host: '127.0.0.1'});
	const otherHost = await peer(t, {host: '127.0.0.2'});
	await first.send('one', '127.0.0.1', port);
	await netcrab.waitForStderr(new RegExp(`New peer 127\\.0\\.0\\.1:${first.port} `));
	await sameHost.send('same', '127.0.0.1', port);
	await netcrab.waitForStderr(new RegExp(`New peer 127\\.0\\.0\\.1:${sameHost.port} `));
	await otherHost.send('two', '127.0.0.1', port);
	await netcrab.waitForStderr(/New peer 127\.0\.0\.2:/);
	await first.send('three', '127.0.0.1', port);

	assert.deepEqual(
		(await first.waitForDatagrams(1)).map(d => d.data.toString()),
		['two'],
	);
	assert.deepEqual(
		(await otherHost.waitForDatagrams(1)).map(d => d.data.toString()),
		['three'],
	);
	// Every datagram reaches stdout; the same-host peer got nothing from anyone.
	await netcrab.waitForStdout('onesametwothree'.length);
	assert.deepEqual(sameHost.received(), []);
});

test('several -L binds, IPv4 and IPv6, each with its own peers', async t => {
	const netcrab = cli(t, ['-u', '-L', '127.0.0.1:0', '-L', '[::1]:0']);
	const port4 = await netcrab.listeningPort(0);
	const port6 = await netcrab.listeningPort(1);
	assert.match(netcrab.stderr(), new RegExp(`Listening on \\[::1\\]:${port6}, protocol UDP, family IPv6`));
	const v4 = await peer(t, {host: '127.0.0.1'});
	const v6 = await peer(t, {host: '::1', family: 6});
	await v4.send('four', '127.0.0.1', port4);
	await netcrab.waitForStdout(4);
	await v6.send('six', '::1', port6);
	assert.equal((await netcrab.waitForStdout(7)).toString(), 'foursix');
	await netcrab.waitForStderr(new RegExp(`New peer \\[::1\\]:${v6.port} seen at .* on \\[::1\\]:${port6}, protocol UDP, family IPv6`));

	netcrab.child.stdin!.write('both');
	assert.equal((await v4.waitForDatagrams(1))[0]!.data.toString(), 'both');
	assert.equal((await v6.waitForDatagrams(1))[0]!.data.toString(), 'both');
});

test('-4 and -6 pick the family of wildcard binds and of targets', async t => {
	const only4 = cli(t, ['-u', '-4', '-L', '*:0']);
	await only4.listeningPort();
	const only6 = cli(t, ['-u', '-6', '-L', '*:0']);
	await only6.listeningPort();
	assert.match(only4.stderr(), /^Listening on 0\.0\.0\.0:\d+, protocol UDP, family IPv4$/m);
	assert.match(only6.stderr(), /^Listening on \[::\]:\d+, protocol UDP, family IPv6$/m);
	const both = cli(t, ['-u', '-L', '*:0']);
	await both.listeningPort(1);
	assert.equal(only4.stderr().match(/Listening on/g)!.length, 1);
	assert.equal(only6.stderr().match(/Listening on/g)!.length, 1);

	const v6 = await peer(t, {host: '::1', family: 6});
	const target = cli(t, ['-u', '-6', `[::1]:${v6.port}`]);
	await target.waitForStderr(/Sending from \[::1\]:\d+ to \[::1\]:\d+, protocol UDP, family IPv6/);
	target.child.stdin!.write('over six');
	assert.equal((await v6.waitForDatagrams(1))[0]!.data.toString(), 'over six');
});
