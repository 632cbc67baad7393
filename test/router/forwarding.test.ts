import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ChannelMap} from '../../source/router/channel-map.js';
import {destinationsFor, type ForwardingContext} from '../../source/router/forwarding.js';

const context = (overrides: Partial<ForwardingContext>): ForwardingContext => ({
	mode: 'none',
	echo: false,
	localTarget: 'all',
	peers: [1, 2, 3],
	partnerOf: () => undefined,
	...overrides,
});

test('local input goes to every peer, or only to the chosen one', () => {
	assert.deepEqual(destinationsFor(0, context({})), [1, 2, 3]);
	assert.deepEqual(destinationsFor(0, context({localTarget: 2})), [2]);
	assert.deepEqual(destinationsFor(0, context({localTarget: 9})), [], 'a target that is gone receives nothing');
	assert.deepEqual(destinationsFor(0, context({mode: 'hub'})), [1, 2, 3]);
});

test('none: a peer is heard locally only', () => {
	assert.deepEqual(destinationsFor(2, context({})), [0]);
});

test('hub: every other peer and local', () => {
	assert.deepEqual(destinationsFor(2, context({mode: 'hub'})), [0, 1, 3]);
});

test('channels and linger-channels: the partner only (and local)', () => {
	const partnerOf = (id: number) => (({1: 3, 3: 1}) as Record<number, number>)[id];
	for (const mode of ['channels', 'linger-channels'] as const) {
		assert.deepEqual(destinationsFor(1, context({mode, partnerOf})), [0, 3]);
		assert.deepEqual(destinationsFor(2, context({mode, partnerOf})), [0], 'unpaired peer reaches no one');
	}
});

test('echo sends a peer its own bytes back, in any mode', () => {
	assert.deepEqual(destinationsFor(2, context({echo: true})), [0, 2]);
	assert.deepEqual(destinationsFor(2, context({echo: true, mode: 'hub'})), [0, 2, 1, 3]);
});

test('channel map pairs routes of different hosts, both ways, oldest first', () => {
	const map = new ChannelMap();
	const a = {id: 1, peerHost: '127.0.0.1'};
	const b = {id: 2, peerHost: '127.0.0.1'};
	const c = {id: 3, peerHost: '127.0.0.2'};
	const d = {id: 4, peerHost: '127.0.0.2'};
	assert.equal(map.pairNew(a, [a]), undefined);
	assert.equal(map.pairNew(b, [a, b]), undefined, 'same host does not pair');
	assert.equal(map.pairNew(c, [a, b, c]), 1);
	assert.equal(map.partnerOf(1), 3);
	assert.equal(map.partnerOf(3), 1);
	assert.equal(map.pairNew(d, [a, b, c, d]), 2);
	assert.deepEqual(map.pairs(), [
		[1, 3],
		[2, 4],
	]);
	assert.equal(map.remove(3), 1);
	assert.equal(map.partnerOf(1), undefined);
	map.rebuild([a, b, c, d]);
	assert.deepEqual(map.pairs(), [
		[1, 3],
		[2, 4],
	]);
	map.clear();
	assert.deepEqual(map.pairs(), []);
});
