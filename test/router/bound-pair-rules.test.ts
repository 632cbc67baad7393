// The rows of source/router/bound-pair-rules.ts, driven through the router with in-memory routes.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ForwardingMode} from '../../source/options.js';
import {Router} from '../../source/router/router.js';
import {RecordingRoute} from '../helpers/recording-route.js';

function setup(mode: ForwardingMode) {
	const router = new Router({mode, echo: false, localInputOpen: false});
	router.addRoute(new RecordingRoute(0, ''));
	const make = (host = '127.0.0.1') => new RecordingRoute(router.allocateId(), host);
	return {router, make};
}

test('a bound pair is paired at once, even with the same peer host, and never with a third route', () => {
	const {router, make} = setup('channels');
	const loner = make('127.0.0.9');
	router.addRoute(loner);
	const client = make();
	const upstream = make();
	router.addBoundPair(client, upstream);
	assert.equal(router.partnerOf(client.id), upstream.id);
	assert.equal(router.partnerOf(upstream.id), client.id);
	assert.equal(router.partnerOf(loner.id), undefined, 'the unpaired route waits for someone else');
	router.receive({routeId: client.id, data: Buffer.from('up')});
	assert.deepEqual(upstream.written.map(String), ['up']);
	assert.equal(loner.written.length, 0);
});

test('row FIN: one side ending half-closes its partner only, in every mode', () => {
	for (const mode of ['none', 'hub', 'channels', 'linger-channels'] as const) {
		const {router, make} = setup(mode);
		const client = make();
		const upstream = make();
		router.addBoundPair(client, upstream);
		router.peerEnded(upstream.id);
		assert.equal(client.ended, true, mode);
		assert.equal(upstream.ended, false, `${mode}: the side that ended still gets what is coming`);
	}
});

test('row closed cleanly: the partner is half-closed, then closed once flushed; no re-pairing in linger-channels', () => {
	const {router, make} = setup('linger-channels');
	const client = make();
	const upstream = make();
	router.addBoundPair(client, upstream);
	const newcomer = make('127.0.0.9');
	router.addRoute(newcomer);
	router.removeRoute(upstream.id);
	assert.deepEqual(client.events, ['end', 'flushed', 'destroy']);
	assert.equal(router.partnerOf(newcomer.id), undefined);
});

test('row closed with an error: the partner is aborted at once', () => {
	const {router, make} = setup('channels');
	const client = make();
	const upstream = make();
	router.addBoundPair(client, upstream);
	router.removeRoute(upstream.id, new Error('reset'));
	assert.deepEqual(client.events, ['destroy']);
});

// With lifecycle/local-input-end.ts (issue 18.2): in channel modes local input's end touches no
// peer at all, so this row is checked in mode none, where unbound peers are half-closed.
test('row local input ended: bound pairs are not half-closed, other peers are', () => {
	const {router, make} = setup('none');
	const other = make('127.0.0.9');
	router.addRoute(other);
	const client = make();
	const child = make();
	router.addBoundPair(client, child);
	let flushed = false;
	router.localInputEnded(() => (flushed = true));
	assert.equal(other.ended, true);
	assert.equal(client.ended, false);
	assert.equal(child.ended, false);
	assert.equal(flushed, true);
});

test('a mode change keeps bound pairs together; hub and none still show the bound partner', () => {
	const {router, make} = setup('channels');
	const a = make('127.0.0.2');
	const b = make('127.0.0.3');
	router.addRoute(a);
	router.addRoute(b);
	const client = make();
	const upstream = make();
	router.addBoundPair(client, upstream);
	router.setMode('hub');
	assert.equal(router.partnerOf(client.id), upstream.id);
	router.setMode('channels');
	assert.equal(router.partnerOf(client.id), upstream.id);
	assert.equal(router.partnerOf(a.id), b.id);
});
