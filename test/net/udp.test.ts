// The UDP adapter on a real router and real loopback sockets: backpressure both ways.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {test} from 'node:test';
import {LocalRoute} from '../../source/local/local-route.js';
import {sendLimit, UdpEndpoint, type UdpPeerRoute} from '../../source/net/udp.js';
import {Router, type ReportLevel} from '../../source/router/router.js';

const loopback = {address: '127.0.0.1', family: 4 as const};
const socketOptions = {broadcast: false, multicastLoop: true};

async function boundSocket(): Promise<dgram.Socket> {
	const socket = dgram.createSocket('udp4');
	socket.bind(0, '127.0.0.1');
	await once(socket, 'listening');
	return socket;
}

function routerWithLocal(): {router: Router; events: string[]; resumed: Promise<void>} {
	const router = new Router({mode: 'none', echo: false, localInputOpen: true});
	const local = new LocalRoute(router, undefined);
	router.addRoute(local);
	const events: string[] = [];
	let resume!: () => void;
	const resumed = new Promise<void>(resolve => {
		resume = resolve;
	});
	local.attachInput({
		pause: () => events.push('pause'),
		resume: () => {
			events.push('resume');
			resume();
		},
	});
	return {router, events, resumed};
}

test('writes past the send limit pause the source until the socket has sent them', async t => {
	const sink = await boundSocket();
	t.after(() => sink.close());
	const {router, events, resumed} = routerWithLocal();
	const endpoint = await UdpEndpoint.open(router, {address: loopback, port: 0}, socketOptions, 'bind');
	t.after(() => endpoint.close());
	const route = await endpoint.addTarget(loopback, sink.address().port, false);

	const datagram = Buffer.alloc(60_000);
	let writes = 0;
	while (!events.includes('pause') && writes < 100) {
		router.receive({routeId: 0, data: datagram});
		writes++;
	}
	assert.deepEqual(events, ['pause']);
	assert.equal(writes, Math.floor(sendLimit / datagram.length) + 1);
	await resumed;
	assert.deepEqual(events, ['pause', 'resume']);
	await new Promise<void>(resolve => route.end(resolve));
});

test('a paused UDP peer has its datagrams dropped and counted, then flows again', async t => {
	const {router} = routerWithLocal();
	const endpoint = await UdpEndpoint.open(router, {address: loopback, port: 0}, socketOptions, 'bind');
	t.after(() => endpoint.close());
	const client = await boundSocket();
	t.after(() => client.close());
	const reports: Array<[ReportLevel, string]> = [];
	const received: string[] = [];
	let wake = () => {};
	router.on('report', (level, text) => {
		reports.push([level, text]);
		wake();
	});
	router.on('traffic', ({data}) => {
		received.push(data.toString());
		wake();
	});
	const until = (check: () => boolean) =>
		new Promise<void>(resolve => {
			wake = () => check() && resolve();
			wake();
		});
	const send = (text: string) => client.send(text, endpoint.port, '127.0.0.1');

	send('a');
	await until(() => received.length === 1);
	const route = router.peers()[0] as UdpPeerRoute;
	route.pause();
	send('b');
	await until(() => reports.length === 1);
	assert.deepEqual(reports[0], [
		'warning',
		`Dropping datagrams from ${route.peer}: its destinations are busy and UDP cannot make it wait`,
	]);
	route.resume();
	assert.deepEqual(reports[1], ['verbose', `Dropped 1 datagram(s) from ${route.peer} while its destinations were busy`]);
	send('c');
	await until(() => received.length === 2);
	assert.deepEqual(received, ['a', 'c']);
});

test('disconnecting a UDP peer forgets it; its next datagram makes a new peer', async t => {
	const {router} = routerWithLocal();
	const endpoint = await UdpEndpoint.open(router, {address: loopback, port: 0}, socketOptions, 'bind');
	t.after(() => endpoint.close());
	const client = await boundSocket();
	t.after(() => client.close());
	const added: number[] = [];
	const removed: number[] = [];
	let wake = () => {};
	router.on('route-added', route => {
		added.push(route.id);
		wake();
	});
	router.on('route-removed', ({route}) => removed.push(route.id));
	const until = (check: () => boolean) =>
		new Promise<void>(resolve => {
			wake = () => check() && resolve();
			wake();
		});

	client.send('first', endpoint.port, '127.0.0.1');
	await until(() => added.length === 1);
	// Local input ending only flushes: the peer stays.
	await new Promise<void>(resolve => router.localInputEnded(resolve));
	assert.equal(router.peerCount(), 1);
	router.closeRoute(added[0]!);
	assert.deepEqual(removed, [added[0]]);
	assert.equal(router.peerCount(), 0);
	client.send('again', endpoint.port, '127.0.0.1');
	await until(() => added.length === 2);
	assert.notEqual(added[1], added[0]);
	assert.equal(router.peers()[0]!.peer, `127.0.0.1:${client.address().port}`);
});

test('disconnecting a target closes its socket and forgets the peers seen on it', async t => {
	const {router} = routerWithLocal();
	const endpoint = await UdpEndpoint.open(router, {address: loopback, port: 0}, socketOptions, 'bind');
	t.after(() => endpoint.close());
	const target = await boundSocket();
	t.after(() => target.close());
	const stranger = await boundSocket();
	t.after(() => stranger.close());
	const route = await endpoint.addTarget(loopback, target.address().port, false);
	const seen = once(router, 'route-added');
	stranger.send('hello', endpoint.port, '127.0.0.1');
	await seen;
	assert.equal(router.peerCount(), 2);

	router.closeRoute(route.id);
	assert.equal(router.peerCount(), 0);
	// The port is free again: the socket is closed.
	const reuse = dgram.createSocket('udp4');
	t.after(() => reuse.close());
	reuse.bind(endpoint.port, '127.0.0.1');
	await once(reuse, 'listening');
});

test('in channels, forgetting a UDP peer leaves its partner up: no disconnect to pass on', async t => {
	const router = new Router({mode: 'channels', echo: false, localInputOpen: true});
	router.addRoute(new LocalRoute(router, undefined));
	const endpoint = await UdpEndpoint.open(router, {address: loopback, port: 0}, socketOptions, 'bind');
	t.after(() => endpoint.close());
	const one = await boundSocket();
	t.after(() => one.close());
	const two = dgram.createSocket('udp4');
	t.after(() => two.close());
	two.bind(0, '127.0.0.2');
	await once(two, 'listening');

	let seen = once(router, 'route-added');
	one.send('1', endpoint.port, '127.0.0.1');
	const [first] = (await seen) as [UdpPeerRoute];
	seen = once(router, 'route-added');
	two.send('2', endpoint.port, '127.0.0.1');
	const [second] = (await seen) as [UdpPeerRoute];
	assert.equal(router.partnerOf(first.id), second.id);

	router.closeRoute(first.id);
	assert.deepEqual(
		router.peers().map(route => route.id),
		[second.id],
	);
	assert.equal(router.partnerOf(second.id), undefined);
});
