// Issue 18 items 6 and 11: UDP peers are forgotten after --udp-peer-idle seconds of silence, a
// listener remembers at most -m peers (datagrams from further new peers are dropped and counted),
// and floods of status lines (new UDP peers, refused connections) are summarised once a second.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer} from '../helpers/peers.js';

/** `count` UDP sockets, each sending one datagram to the port, one after the other. */
async function datagramsFromNewPorts(
	t: test.TestContext,
	port: number,
	count: number,
	payload = (index: number) => `p${index}`,
): Promise<void> {
	for (let index = 0; index < count; index++) {
		const socket = dgram.createSocket('udp4');
		t.after(() => socket.close());
		socket.bind(0, '127.0.0.1');
		await once(socket, 'listening');
		await new Promise<void>((resolve, reject) =>
			socket.send(payload(index), port, '127.0.0.1', error => (error ? reject(error) : resolve())),
		);
	}
}

/** Occurrences said in full plus those counted in summary lines. */
function total(stderr: string, full: RegExp, summary: RegExp): {full: number; sum: number} {
	const fullCount = stderr.match(full)?.length ?? 0;
	let sum = fullCount;
	for (const match of stderr.matchAll(summary)) sum += Number(match[1]);
	return {full: fullCount, sum};
}

test('Given --udp-peer-idle 1, When a peer falls silent, Then it is forgotten and its next datagram makes a new peer', async t => {
	const cli = startCliFor(t, ['-u', '-L', '127.0.0.1:0', '--udp-peer-idle', '1', '-v', '-i', 'none']);
	const port = await cli.listeningPort();
	const socket = dgram.createSocket('udp4');
	t.after(() => socket.close());
	socket.bind(0, '127.0.0.1');
	await once(socket, 'listening');
	const peer = `127\\.0\\.0\\.1:${socket.address().port}`;
	socket.send('hello', port, '127.0.0.1');
	await cli.waitForStderr(new RegExp(`New peer ${peer} `));
	await cli.waitForStderr(
		new RegExp(`Forgetting UDP peer ${peer} on 127\\.0\\.0\\.1:${port}: nothing from it for 1 s \\(--udp-peer-idle\\)`),
		5000,
	);
	await cli.waitForStderr(new RegExp(`Forgot peer ${peer} `));
	socket.send('again', port, '127.0.0.1');
	await cli.waitForStderr(new RegExp(`New peer ${peer} [^]*New peer ${peer} `));
	assert.equal((await cli.waitForStdout(10)).toString(), 'helloagain');
});

test('Given -u -m 3, When 20 new peers send, Then 3 are remembered and 17 datagrams are dropped and counted', async t => {
	const cli = startCliFor(t, ['-u', '-L', '127.0.0.1:0', '-m', '3', '-i', 'none']);
	const port = await cli.listeningPort();
	await datagramsFromNewPorts(t, port, 20, index => `p${String(index).padStart(2, '0')}`);
	const full = /Dropped a datagram from new peer 127\.0\.0\.1:\d+ on 127\.0\.0\.1:\d+: already 3 peer\(s\) \(-m\)/g;
	const summary = /Dropped (\d+) more datagram\(s\) from new peers on 127\.0\.0\.1:\d+ in the last second: already 3 peer\(s\) \(-m\)/g;
	await cli.waitForStderr(/in all\)/, 5000);
	const drops = total(cli.stderr(), full, summary);
	assert.equal(drops.sum, 17, cli.stderr());
	assert.equal(cli.stderr().match(/New peer /g)?.length, 3);
	assert.equal(cli.stdout().length, 9, 'only the remembered peers reach the output');
});

test('Given a UDP listener, When 60 new peers send at once, Then the "New peer" lines are summarised with a count', async t => {
	const cli = startCliFor(t, ['-u', '-L', '127.0.0.1:0', '-i', 'none', '-o', 'none']);
	const port = await cli.listeningPort();
	await datagramsFromNewPorts(t, port, 60);
	const full = /New peer 127\.0\.0\.1:\d+ seen/g;
	const summary = /(\d+) more new peer\(s\) on 127\.0\.0\.1:\d+ in the last second, protocol UDP/g;
	await cli.waitForStderr(summary, 5000);
	const lines = await waitForTotal(cli, full, summary, 60);
	assert.ok(lines.full <= 30, `${lines.full} lines in full for 60 new peers`);
});

test('Given -m 1 and a client, When 40 more connect, Then the refusals are summarised and all 40 are counted', async t => {
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '-m', '1', '-i', 'none', '-o', 'none']);
	const port = await cli.listeningPort();
	const holder = await connectPeer(port);
	t.after(() => holder.socket.destroy());
	await cli.waitForStderr(/Accepted connection/);
	for (let index = 0; index < 40; index++) {
		const refused = await connectPeer(port);
		refused.socket.on('error', () => {});
		await refused.ended;
		refused.socket.destroy();
	}
	const full = /Refused connection from 127\.0\.0\.1:\d+: already 1 client\(s\) \(-m\)/g;
	const summary = /Refused (\d+) more connection\(s\) in the last second: already 1 client\(s\) \(-m\)/g;
	const lines = await waitForTotal(cli, full, summary, 40);
	assert.ok(lines.full <= 20, `${lines.full} lines in full for 40 refusals`);
});

async function waitForTotal(
	cli: ReturnType<typeof startCliFor>,
	full: RegExp,
	summary: RegExp,
	expected: number,
): Promise<{full: number; sum: number}> {
	const counted = await cli.waitUntil(
		() => {
			const now = total(cli.stderr(), full, summary);
			return now.sum >= expected ? now : undefined;
		},
		`${expected} counted`,
		5000,
	);
	assert.equal(counted.sum, expected);
	return counted;
}
