// Router.released: may a source's read buffer be read into again? Only once every route its
// bytes went to holds none of them (issue 17), and never while an observer may keep them.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Router} from '../../source/router/router.js';
import type {Route} from '../../source/router/route.js';
import {RecordingRoute} from '../helpers/recording-route.js';

/** A route that keeps what it was written until the test says it went out, as a socket's writableLength. */
class HoldingRoute extends RecordingRoute {
	holding = 0;
	override write(data: Buffer): boolean {
		this.holding += data.length;
		return super.write(data);
	}
	holdsNoBytes(): boolean {
		return this.holding === 0;
	}
}

function setup(mode: 'hub' | 'channels', hosts: string[]) {
	const router = new Router({mode, echo: false, localInputOpen: false});
	const peers = hosts.map(host => {
		const route = new HoldingRoute(router.allocateId(), host);
		router.addRoute(route);
		return route;
	});
	return {router, peers};
}

test('Given a hub, When one destination still holds the bytes, Then the source is not released until it wrote them out', () => {
	const {router, peers} = setup('hub', ['a', 'b', 'c']);
	const [source, fast, slow] = peers as [HoldingRoute, HoldingRoute, HoldingRoute];
	router.receive({routeId: source.id, data: Buffer.alloc(100)});
	fast.holding = 0;
	assert.equal(router.released(source.id), false);
	slow.holding = 0;
	assert.equal(router.released(source.id), true);
});

test('Given a route without holdsNoBytes (UDP, a shaping gate), When it is a destination, Then nothing is ever released', () => {
	const {router, peers} = setup('hub', ['a']);
	const opaque: Route = {
		...new HoldingRoute(router.allocateId(), 'b'),
		write: () => true,
		pause() {},
		resume() {},
		end() {},
		destroy() {},
	};
	router.addRoute(opaque);
	router.receive({routeId: peers[0]!.id, data: Buffer.alloc(10)});
	assert.equal(router.released(peers[0]!.id), false);
});

test('Given a traffic observer (capture, UI), When bytes pass, Then they are never released, since it may keep them', () => {
	const {router, peers} = setup('hub', ['a', 'b']);
	router.on('traffic', () => {});
	router.receive({routeId: peers[0]!.id, data: Buffer.alloc(10)});
	peers[1]!.holding = 0;
	assert.equal(router.released(peers[0]!.id), false);
});

test('Given a mode switch that narrows the destinations, When a former destination still holds bytes, Then the source waits for it too', () => {
	const {router, peers} = setup('hub', ['a', 'b', 'c']);
	const [source, partner, former] = peers as [HoldingRoute, HoldingRoute, HoldingRoute];
	router.receive({routeId: source.id, data: Buffer.alloc(10)});
	partner.holding = 0;
	router.setMode('channels');
	// a and b pair (first come); c waits alone, yet still holds a's bytes.
	assert.equal(router.partnerOf(source.id), partner.id);
	assert.equal(router.released(source.id), false);
	former.holding = 0;
	assert.equal(router.released(source.id), true);
});

class CountingRoute extends HoldingRoute {
	heldBytes(): number {
		return this.holding;
	}
}

test('Given destinations that count what they hold, When bytes pass, Then heldBytes is the most any of them holds', () => {
	const router = new Router({mode: 'hub', echo: false, localInputOpen: false});
	const [source, fast, slow] = ['a', 'b', 'c'].map(host => {
		const route = new CountingRoute(router.allocateId(), host);
		router.addRoute(route);
		return route;
	}) as [CountingRoute, CountingRoute, CountingRoute];
	router.receive({routeId: source.id, data: Buffer.alloc(100)});
	router.receive({routeId: source.id, data: Buffer.alloc(100)});
	fast.holding = 30;
	slow.holding = 170;
	assert.equal(router.heldBytes(source.id), 170, 'so the first chunk (bytes 0-99) is still held, in part');
	slow.holding = 70;
	assert.equal(router.heldBytes(source.id), 70, 'only the newest 70 bytes: the first chunk is free');
	assert.equal(router.released(source.id), false);
	router.setMode('channels');
	// c is a former destination: a count says nothing about which of a's bytes it holds.
	assert.equal(router.heldBytes(source.id), Number.POSITIVE_INFINITY);
	slow.holding = 0;
	fast.holding = 0;
	assert.equal(router.heldBytes(source.id), 0);
});
