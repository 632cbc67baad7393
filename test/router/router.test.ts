// The router's own logic, driven through in-memory routes (the socket adapters are tested with
// real sockets in test/integration).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Router} from '../../source/router/router.js';
import {RecordingRoute} from '../helpers/recording-route.js';

function setup(mode: 'none' | 'hub' | 'channels' | 'linger-channels', hosts: string[], localInputOpen = false) {
	const router = new Router({mode, echo: false, localInputOpen});
	const local = new RecordingRoute(0, '');
	router.addRoute(local);
	const peers = hosts.map(host => {
		const route = new RecordingRoute(router.allocateId(), host);
		router.addRoute(route);
		return route;
	});
	return {router, local, peers};
}

test('payloads are passed on without copies', () => {
	const {router, local, peers} = setup('hub', ['a', 'b']);
	const data = Buffer.from('hello');
	router.receive({routeId: peers[0]!.id, data});
	assert.equal(local.written[0], data);
	assert.equal(peers[1]!.written[0], data);
	assert.equal(peers[0]!.written.length, 0);
});

test('counters follow the bytes', () => {
	const {router, peers} = setup('hub', ['a', 'b']);
	router.receive({routeId: peers[0]!.id, data: Buffer.alloc(10)});
	router.receive({routeId: 0, data: Buffer.alloc(3)});
	assert.deepEqual(router.counters(peers[0]!.id), {bytesIn: 10, bytesOut: 3, messagesIn: 1, messagesOut: 1});
	assert.deepEqual(router.counters(peers[1]!.id), {bytesIn: 0, bytesOut: 13, messagesIn: 0, messagesOut: 2});
	assert.deepEqual(router.totalCounters(), {bytesIn: 10, bytesOut: 16, messagesIn: 1, messagesOut: 3});
});

test('backpressure: a full destination pauses the source until it drains', () => {
	const {router, peers} = setup('hub', ['a', 'b', 'c']);
	const [source, slow, other] = peers as [RecordingRoute, RecordingRoute, RecordingRoute];
	slow.accepts = false;
	other.accepts = false;
	router.receive({routeId: source.id, data: Buffer.from('x')});
	assert.equal(source.paused, true);
	router.drained(slow.id);
	assert.equal(source.paused, true, 'still waiting on the other destination');
	router.drained(other.id);
	assert.equal(source.paused, false);
});

test('backpressure: a destination that goes away releases its sources', () => {
	const {router, peers} = setup('hub', ['a', 'b']);
	const [source, slow] = peers as [RecordingRoute, RecordingRoute];
	slow.accepts = false;
	router.receive({routeId: source.id, data: Buffer.from('x')});
	assert.equal(source.paused, true);
	router.removeRoute(slow.id);
	assert.equal(source.paused, false);
});

test('backpressure: full local output pauses the peers writing to it', () => {
	const {router, local, peers} = setup('none', ['a']);
	local.accepts = false;
	router.receive({routeId: peers[0]!.id, data: Buffer.from('x')});
	assert.equal(peers[0]!.paused, true);
	router.drained(0);
	assert.equal(peers[0]!.paused, false);
});

test('local target: all peers, one peer, and it stays aimed (at nobody) when that peer leaves', () => {
	const {router, peers} = setup('none', ['a', 'b']);
	const targets: unknown[] = [];
	router.on('target', target => targets.push(target));
	router.setLocalTarget(peers[1]!.id);
	router.receive({routeId: 0, data: Buffer.from('x')});
	assert.equal(peers[0]!.written.length, 0);
	assert.equal(peers[1]!.written.length, 1);
	router.removeRoute(peers[1]!.id);
	assert.equal(router.localTarget, peers[1]!.id, 'not widened to every peer');
	router.receive({routeId: 0, data: Buffer.from('y')});
	assert.equal(peers[0]!.written.length, 0, 'a line for the peer that left reaches nobody else');
	router.setLocalTarget('all');
	router.setLocalTarget(99);
	assert.equal(router.localTarget, 'all', 'an unknown route cannot be chosen');
	assert.deepEqual(targets, [peers[1]!.id, 'all']);
});

test('channels: a closed route closes its partner; linger-channels re-pairs it instead', () => {
	const closing = setup('channels', ['127.0.0.1', '127.0.0.2']);
	closing.router.removeRoute(closing.peers[0]!.id);
	assert.equal(closing.peers[1]!.ended, true);

	const lingering = setup('linger-channels', ['127.0.0.1', '127.0.0.2', '127.0.0.1']);
	const [a, b, c] = lingering.peers as [RecordingRoute, RecordingRoute, RecordingRoute];
	assert.equal(lingering.router.partnerOf(a.id), b.id);
	lingering.router.removeRoute(a.id);
	assert.equal(b.ended, false);
	assert.equal(lingering.router.partnerOf(b.id), c.id, 'the lingering partner pairs with the waiting route');
});

test('channels: an error on one side aborts the partner', () => {
	const {router, peers} = setup('channels', ['127.0.0.1', '127.0.0.2']);
	router.removeRoute(peers[0]!.id, new Error('reset'));
	assert.equal(peers[1]!.destroyed, true);
});

test('channels: a half-close passes to the partner', () => {
	const {router, peers} = setup('channels', ['127.0.0.1', '127.0.0.2']);
	router.peerEnded(peers[0]!.id);
	assert.equal(peers[1]!.ended, true);
	assert.equal(peers[0]!.ended, false, 'the side that sent FIN keeps receiving until the partner ends');
});

test('half-close without a channel: our side closes unless local input is still open', () => {
	const closed = setup('none', ['a']);
	closed.router.peerEnded(closed.peers[0]!.id);
	assert.equal(closed.peers[0]!.ended, true);
	const open = setup('none', ['a'], true);
	open.router.peerEnded(open.peers[0]!.id);
	assert.equal(open.peers[0]!.ended, false);
	let flushed = false;
	open.router.localInputEnded(() => (flushed = true));
	assert.equal(open.peers[0]!.ended, true);
	assert.equal(flushed, true);
});

test('switching mode at run time rebuilds the pairs and is announced', () => {
	const {router, peers} = setup('none', ['127.0.0.1', '127.0.0.2']);
	const modes: string[] = [];
	router.on('mode', mode => modes.push(mode));
	router.receive({routeId: peers[0]!.id, data: Buffer.from('x')});
	assert.equal(peers[1]!.written.length, 0);
	router.setMode('channels');
	assert.equal(router.partnerOf(peers[0]!.id), peers[1]!.id);
	router.receive({routeId: peers[0]!.id, data: Buffer.from('y')});
	assert.equal(peers[1]!.written.length, 1);
	router.setMode('none');
	assert.equal(router.partnerOf(peers[0]!.id), undefined);
	assert.deepEqual(modes, ['channels', 'none']);
});

test('traffic events are built only while someone listens', () => {
	const {router, peers} = setup('none', ['a']);
	router.receive({routeId: peers[0]!.id, data: Buffer.from('unseen')});
	const seen: string[] = [];
	router.on('traffic', event => seen.push(`${event.routeId}:${event.data}:${event.destinations.join(',')}`));
	router.receive({routeId: peers[0]!.id, data: Buffer.from('seen')});
	assert.deepEqual(seen, ['1:seen:0']);
});

test('disconnecting a peer aborts it at once, whatever the peer does', () => {
	const {router, peers} = setup('none', ['a']);
	router.closeRoute(peers[0]!.id);
	assert.equal(peers[0]!.destroyed, true);
	router.closeRoute(0);
	assert.equal(router.route(0) !== undefined, true, 'the local route cannot be disconnected');
});
