import assert from 'node:assert/strict';
import {test} from 'node:test';
import {BeaconTracker, beaconReply, isBeaconReply, isBeaconRequest} from '../../source/local/pfqos.js';

test('a beacon reply is the request with 0x00 0x00 in place of 0xFF 0xFF', () => {
	const request = Buffer.from([0xff, 0xff, 1, 2, 3]);
	assert.ok(isBeaconRequest(request));
	const reply = beaconReply(request);
	assert.deepEqual(reply, Buffer.from([0x00, 0x00, 1, 2, 3]));
	assert.ok(isBeaconReply(reply));
	assert.deepEqual(request, Buffer.from([0xff, 0xff, 1, 2, 3]), 'the request is left as it was');
	for (const malformed of [Buffer.alloc(0), Buffer.from([0xff]), Buffer.from([0xff, 0x00, 1]), Buffer.from('hello')]) {
		assert.ok(!isBeaconRequest(malformed), malformed.toString('hex'));
	}
});

test('the tracker matches replies to its requests and measures the round trip', () => {
	const tracker = new BeaconTracker();
	const first = tracker.request(1000);
	const second = tracker.request(1100);
	assert.ok(isBeaconRequest(first));
	assert.notDeepEqual(first, second, 'each request carries its own payload');
	assert.equal(tracker.roundTrip(beaconReply(second), 1105), 5);
	assert.equal(tracker.roundTrip(beaconReply(first), 1150), 150);
	// Every peer that got the request may answer it.
	assert.equal(tracker.roundTrip(beaconReply(first), 1160), 160);
	assert.equal(tracker.roundTrip(first, 1200), undefined, 'a request is no reply');
	assert.equal(tracker.roundTrip(Buffer.from([0, 0, 9, 9]), 1200), undefined, 'an unknown payload');
});

test('requests without replies are forgotten after a while', () => {
	const tracker = new BeaconTracker();
	const old = tracker.request(0);
	tracker.request(20_000);
	assert.equal(tracker.roundTrip(beaconReply(old), 20_001), undefined);
});
