// Pairing by hand (router/manual-pairs.ts), one test per row of its table, through the router with
// in-memory routes (the pty test test/ui/pty-pair-by-hand.test.ts carries real bytes).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Router} from '../../source/router/router.js';
import {MemoryRoute} from '../helpers/memory-route.js';

function setup(mode: 'hub' | 'channels' | 'linger-channels', hosts: string[], pairSameHost = false) {
	const router = new Router({mode, echo: false, localInputOpen: false, pairSameHost});
	const peers = hosts.map(host => MemoryRoute.add(router, host));
	return {router, peers};
}

test('a <-> b and c <-> d: pairing a with c unpairs b and d, and bytes follow the new pair both ways', () => {
	const {router, peers} = setup('channels', ['h1', 'h2', 'h3', 'h4']);
	const [a, b, c, d] = peers as [MemoryRoute, MemoryRoute, MemoryRoute, MemoryRoute];
	assert.deepEqual(router.partnerOf(a.id), b.id);
	const channels: Array<Array<[number, number]>> = [];
	router.on('channels', pairs => channels.push(pairs));
	assert.deepEqual(router.pair(a.id, c.id), {changed: [a.id, c.id, b.id, d.id]});
	assert.deepEqual(channels, [[[a.id, c.id]]], 'one channels event, with the new pair only');
	assert.equal(router.partnerOf(b.id), undefined);
	assert.equal(router.partnerOf(d.id), undefined);
	a.send('to c');
	c.send('to a');
	assert.equal(c.receivedText(), 'to c');
	assert.equal(a.receivedText(), 'to a');
	assert.equal(b.receivedText(), '');
	assert.equal(d.receivedText(), '');
	assert.equal(b.ended || d.ended, false, 'former partners stay connected');
});

test('peers of one host may be paired by hand (arrival never pairs them)', () => {
	const {router, peers} = setup('channels', ['h', 'h']);
	const [a, b] = peers as [MemoryRoute, MemoryRoute];
	assert.equal(router.partnerOf(a.id), undefined);
	assert.deepEqual(router.pair(b.id, a.id), {changed: [b.id, a.id]});
	a.send('x');
	assert.equal(b.receivedText(), 'x');
});

test('unpair: both sides stay connected and unpaired; a newcomer pairs with the oldest of them', () => {
	const {router, peers} = setup('linger-channels', ['h1', 'h2']);
	const [a, b] = peers as [MemoryRoute, MemoryRoute];
	assert.deepEqual(router.unpair(b.id), {changed: [b.id, a.id]});
	a.send('nobody');
	assert.equal(b.receivedText(), '');
	assert.deepEqual(router.unpair(b.id), {refused: `#${b.id} has no partner`});
	const c = MemoryRoute.add(router, 'h3');
	assert.equal(router.partnerOf(c.id), a.id);
});

test('refusals: not in a channel mode, a gone peer, local input, the same peer twice', () => {
	const hub = setup('hub', ['h1', 'h2']);
	assert.match((hub.router.pair(1, 2) as {refused: string}).refused, /channel mode/);
	const {router} = setup('channels', ['h1', 'h2']);
	assert.deepEqual(router.pair(1, 9), {refused: '#9 is not a connected peer'});
	assert.deepEqual(router.pair(0, 1), {refused: '#0 is not a connected peer'});
	assert.deepEqual(router.pair(1, 1), {refused: '#1 cannot be paired with itself'});
	assert.deepEqual(router.pair(1, 2), {changed: []}, 'already partners');
});

test('a bound pair (--fork, --exec-each) is never split by hand', () => {
	const router = new Router({mode: 'channels', echo: false, localInputOpen: false});
	const client = new MemoryRoute(router, 'h1');
	const upstream = new MemoryRoute(router, 'h2');
	router.addBoundPair(client, upstream);
	const other = MemoryRoute.add(router, 'h3');
	assert.match((router.pair(other.id, client.id) as {refused: string}).refused, /bound to #2 for life/);
	assert.match((router.unpair(upstream.id) as {refused: string}).refused, /bound to #1 for life/);
	assert.equal(router.partnerOf(client.id), upstream.id);
});
