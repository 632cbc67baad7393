// UDP bad input through the built CLI: one clear line, the right exit status, and the errors a
// running session survives (ICMP port unreachable, oversize datagrams).
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {test} from 'node:test';
import {runCli, startCliFor} from '../helpers/cli.js';
import {freeUdpPort, startUdpPeerFor} from '../helpers/udp-peers.js';
import {parseOptions, UsageError} from '../../source/options.js';

const cli = startCliFor;
const peer = startUdpPeerFor;

test('usage errors for UDP are one line and exit 2', async () => {
	const refused = (flags: Record<string, unknown>, input: string[], message: RegExp) =>
		assert.throws(
			() => parseOptions(flags, input),
			(error: Error) => error instanceof UsageError && message.test(error.message),
		);
	refused({udp: true, reconnect: true}, ['127.0.0.1:9'], /^-r\/-R cannot be used with -u/);
	refused({udp: true, zero: true}, ['127.0.0.1:9'], /^-z cannot be used with -u$/);
	refused({broadcast: true, ttl: '3'}, ['127.0.0.1:9'], /^-b\/--broadcast, --ttl: only for UDP, add -u$/);
	refused({mcNoLoop: true, sb: '1000'}, ['127.0.0.1:9'], /^--mc-no-loop, --sb: only for UDP, add -u$/);
	refused({udp: true, mc: true, listen: [':0']}, [], /^--mc joins the group of a target/);
	refused({udp: true, ttl: '0'}, ['127.0.0.1:9'], /^bad value "0" for --ttl/);
	refused({udp: true, ss: '65508'}, ['127.0.0.1:9'], /^bad value "65508" for --ss/);
	const options = parseOptions({udp: true, broadcast: true, mc: true, mcNoLoop: true, ttl: '4', sb: '9000', rb: '9000'}, [
		'239.1.1.1:5000',
	]);
	assert.deepEqual(
		[options.broadcast, options.multicast, options.multicastLoop, options.ttl, options.sendBufferSize, options.receiveBufferSize],
		[true, true, false, 4, 9000, 9000],
	);

	// -m applies to UDP since issue 18 (peers remembered per listener); --keepalive does not.
	const {code, stderr} = await runCli(['-u', '--keepalive', '5', '-L', '127.0.0.1:0']);
	assert.equal(code, 2);
	assert.equal(stderr, 'netcrab-tui: --keepalive is for TCP and cannot be used with -u (see --help)\n');
});

test('an unresolvable target, a taken port and a non-multicast --mc target are one line, exit 1', async t => {
	const unresolvable = await runCli(['-u', 'no-such-host.invalid:5000']);
	assert.equal(unresolvable.code, 1);
	assert.match(unresolvable.stderr, /^netcrab-tui: cannot resolve "no-such-host\.invalid": [A-Z_]+\n$/);

	const taken = dgram.createSocket('udp4');
	t.after(() => taken.close());
	taken.bind(0, '127.0.0.1');
	await once(taken, 'listening');
	const port = taken.address().port;
	const inUse = await runCli(['-u', '-L', '127.0.0.1:0', '-L', `127.0.0.1:${port}`]);
	assert.equal(inUse.code, 1);
	assert.match(
		inUse.stderr,
		new RegExp(
			`^Listening on 127\\.0\\.0\\.1:\\d+, protocol UDP, family IPv4\nnetcrab-tui: cannot listen on 127\\.0\\.0\\.1:${port}: address already in use \\(EADDRINUSE\\)\n$`,
		),
	);

	const notGroup = await runCli(['-u', '--mc', '127.0.0.1:5000']);
	assert.equal(notGroup.code, 1);
	assert.equal(notGroup.stderr, 'netcrab-tui: --mc: 127.0.0.1 (127.0.0.1:5000) is not a multicast address\n');
});

test('ICMP port unreachable is one warning; sending goes on and reaches a peer that starts later', async t => {
	const port = await freeUdpPort();
	const netcrab = cli(t, ['-u', `127.0.0.1:${port}`]);
	await netcrab.waitForStderr(/Sending from/);
	netcrab.child.stdin!.write('one');
	await netcrab.waitForStderr(new RegExp(`^127\\.0\\.0\\.1:${port} refused a datagram \\(ICMP port unreachable\\); still sending$`, 'm'));
	netcrab.child.stdin!.write('two');
	const late = await peer(t, {host: '127.0.0.1', port});
	netcrab.child.stdin!.write('three');
	// "two" may still have been on its way when the peer bound.
	let texts = (await late.waitForDatagrams(1)).map(datagram => datagram.data.toString());
	if (texts[0] === 'two') texts = (await late.waitForDatagrams(2)).map(datagram => datagram.data.toString());
	assert.equal(texts.at(-1), 'three');
	assert.equal(netcrab.stderr().match(/refused/g)!.length, 1);
});

test('an oversize datagram (IPv6 peer to IPv4 peer in a hub) is one line, and the hub goes on', async t => {
	const netcrab = cli(t, ['-u', '-f', 'hub', '-i', 'none', '-L', '127.0.0.1:0', '-L', '[::1]:0']);
	const port4 = await netcrab.listeningPort(0);
	const port6 = await netcrab.listeningPort(1);
	const v4 = await peer(t, {host: '127.0.0.1'});
	const v6 = await peer(t, {host: '::1', family: 6});
	await v4.send('hi', '127.0.0.1', port4);
	await netcrab.waitForStderr(/New peer 127\.0\.0\.1:/);
	// 65520 bytes fit in an IPv6 datagram, not in an IPv4 one (at most 65507).
	await v6.send(Buffer.alloc(65_520, 'x'), '::1', port6);
	await netcrab.waitForStderr(
		new RegExp(
			`^netcrab-tui: cannot send to 127\\.0\\.0\\.1:${v4.port}: message too long \\(EMSGSIZE\\) \\(a 65520-byte datagram; --ss sets the size of local input datagrams\\)$`,
			'm',
		),
	);
	await v6.send(Buffer.alloc(65_520, 'y'), '::1', port6);
	await v6.send('small', '::1', port6);
	const [first] = await v4.waitForDatagrams(1);
	assert.equal(first!.data.toString(), 'small');
	assert.equal(netcrab.stderr().match(/EMSGSIZE/g)!.length, 1);
	assert.equal((await netcrab.waitForStdout(2 + 65_520 * 2 + 5)).length, 2 + 65_520 * 2 + 5);
});

test('--sb/--rb say when the system did not take the value', async t => {
	const capped = cli(t, ['-u', '-v', '--sb', '65536', '--rb', '1073741824', '-L', '127.0.0.1:0']);
	await capped.listeningPort();
	assert.match(capped.stderr(), /^--sb: socket buffer set to 65536 bytes$/m);
	assert.match(capped.stderr(), /^--rb 1073741824: the system allows only \d+ bytes/m);
	const raised = cli(t, ['-u', '--sb', '1', '-L', '127.0.0.1:0']);
	await raised.listeningPort();
	assert.match(raised.stderr(), /^--sb 1: the system raised it to its minimum, \d+ bytes$/m);
});
