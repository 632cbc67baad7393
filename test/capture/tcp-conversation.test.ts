// The TCP bookkeeping, case by case (the table in source/capture/tcp-conversation.ts).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {tcpFlags} from '../../source/capture/packet-headers.js';
import {TcpConversation, type Segment} from '../../source/capture/tcp-conversation.js';

const {syn, ack, fin, rst, psh} = tcpFlags;

function shape(segments: Segment[]): Array<[string, number]> {
	return segments.map(segment => [segment.fromUs ? 'us' : 'them', segment.flags]);
}

test('open: the side that connected sends SYN, the other SYN-ACK, then ACK; numbers line up', () => {
	const weConnected = new TcpConversation();
	const handshake = weConnected.open(true);
	assert.deepEqual(shape(handshake), [
		['us', syn],
		['them', syn | ack],
		['us', ack],
	]);
	assert.equal(handshake[1]!.ack, (handshake[0]!.seq + 1) >>> 0);
	assert.equal(handshake[2]!.seq, (handshake[0]!.seq + 1) >>> 0);
	assert.equal(handshake[2]!.ack, (handshake[1]!.seq + 1) >>> 0);
	assert.deepEqual(shape(new TcpConversation().open(false)), [
		['them', syn],
		['us', syn | ack],
		['them', ack],
	]);
});

test('data: sequence numbers continue per side, acks follow the other side, big chunks are cut', () => {
	const conversation = new TcpConversation(1000);
	const [, , last] = conversation.open(false);
	const first = conversation.data(false, Buffer.alloc(2500));
	assert.deepEqual(
		first.map(segment => segment.payload.length),
		[1000, 1000, 500],
	);
	assert.deepEqual(
		first.map(segment => segment.flags),
		[psh | ack, psh | ack, psh | ack],
	);
	assert.equal(first[0]!.seq, last!.seq);
	assert.equal(first[1]!.seq, (last!.seq + 1000) >>> 0);
	const reply = conversation.data(true, Buffer.from('ok'));
	assert.equal(reply[0]!.ack, (last!.seq + 2500) >>> 0, 'our reply acknowledges all 2500 bytes');
	assert.equal(conversation.data(false, Buffer.from('x'))[0]!.ack, (reply[0]!.seq + 2) >>> 0);
});

test('a chunk of at most one packet is passed on as it is (no copy)', () => {
	const conversation = new TcpConversation();
	conversation.open(true);
	const data = Buffer.from('hello');
	assert.equal(conversation.data(true, data)[0]!.payload, data);
});

test('sequence numbers wrap at 2^32', () => {
	const conversation = new TcpConversation(1 << 30);
	conversation.open(true);
	let previous = conversation.data(true, Buffer.alloc(1))[0]!.seq;
	for (let index = 0; index < 5; index++) {
		const [segment] = conversation.data(true, Buffer.alloc(1 << 30));
		assert.equal(segment!.seq, (previous + (index === 0 ? 1 : 1 << 30)) >>> 0);
		assert.ok(segment!.seq < 2 ** 32);
		previous = segment!.seq;
	}
});

test('end: the peer FIN, then our FIN and the last ACK at close; nothing after', () => {
	const conversation = new TcpConversation();
	conversation.open(false);
	conversation.data(false, Buffer.from('abc'));
	const theirFin = conversation.finish(false);
	assert.deepEqual(shape(theirFin), [['them', fin | ack]]);
	assert.deepEqual(conversation.finish(false), [], 'one FIN per side');
	const reply = conversation.data(true, Buffer.from('bye'));
	assert.equal(reply[0]!.ack, (theirFin[0]!.seq + 1) >>> 0, 'the FIN counts as one byte');
	const close = conversation.close(false);
	assert.deepEqual(shape(close), [
		['us', fin | ack],
		['them', ack],
	]);
	assert.deepEqual(conversation.close(false), []);
	assert.deepEqual(conversation.data(true, Buffer.from('late')), []);
});

test('close without any FIN: both sides FIN, then the ACK', () => {
	const conversation = new TcpConversation();
	conversation.open(true);
	assert.deepEqual(shape(conversation.close(false)), [
		['them', fin | ack],
		['us', fin | ack],
		['them', ack],
	]);
});

test('close with an error: one RST', () => {
	const conversation = new TcpConversation();
	conversation.open(true);
	assert.deepEqual(shape(conversation.close(true)), [['them', rst | ack]]);
	assert.deepEqual(conversation.close(true), []);
});
