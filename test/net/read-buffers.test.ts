import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ReadBuffers} from '../../source/net/read-buffers.js';

/** Simulates Node's onread loop: fill `length` bytes of the current buffer, then ask for the next. */
function read(buffers: ReadBuffers, current: Buffer, length: number): Buffer {
	current.fill(1, 0, Math.min(length, current.length));
	buffers.received(Math.min(length, current.length), current);
	return buffers.nextBuffer();
}

test('Given reads that fill the buffer, When they go on, Then the buffer doubles up to 1 MiB', () => {
	const buffers = new ReadBuffers();
	buffers.attach(() => {});
	let buffer = buffers.nextBuffer();
	assert.equal(buffer.length, 4 << 10);
	for (let index = 0; index < 10; index++) buffer = read(buffers, buffer, buffer.length);
	assert.equal(buffer.length, 1 << 20);
});

test('Given a large buffer, When a long run of reads uses little of it, Then it shrinks back to 4 KiB', () => {
	let now = 0;
	const buffers = new ReadBuffers(() => now);
	buffers.attach(() => {});
	let buffer = buffers.nextBuffer();
	for (let index = 0; index < 10; index++) buffer = read(buffers, buffer, buffer.length);
	now += 2000;
	for (let index = 0; index < 300; index++) buffer = read(buffers, buffer, 10);
	assert.equal(buffer.length, 4 << 10);
});

test('Given a large buffer, When a few small reads come between full ones, Then it keeps its size', () => {
	const buffers = new ReadBuffers();
	buffers.attach(() => {});
	let buffer = buffers.nextBuffer();
	for (let index = 0; index < 10; index++) buffer = read(buffers, buffer, buffer.length);
	for (let index = 0; index < 20; index++) buffer = read(buffers, buffer, 10);
	assert.equal(buffer.length, 1 << 20);
});

test('Given a consumer that let go of the bytes, When the next read comes, Then it goes into the same buffer', () => {
	const buffers = new ReadBuffers();
	let held = false;
	const seen: string[] = [];
	buffers.attach(
		data => seen.push(data.toString()),
		() => (held ? Number.POSITIVE_INFINITY : 0),
	);
	buffers.received(1, buffers.nextBuffer());
	seen.length = 0;
	const first = buffers.nextBuffer();
	// Half a buffer: not small (so not copied), not full (so the size stays).
	first.write('one');
	buffers.received(first.length / 2, first);
	const second = buffers.nextBuffer();
	assert.equal(second, first, 'released: read into again');
	held = true;
	second.write('two');
	buffers.received(second.length / 2, second);
	const third = buffers.nextBuffer();
	assert.notEqual(third.buffer, second.buffer, 'still held: a fresh buffer');
	assert.deepEqual(
		seen.map(text => text.slice(0, 3)),
		['one', 'two'],
	);
});

test('Given a destination that holds only the newest chunk, When reads go on, Then the buffer before it is read into again', () => {
	const buffers = new ReadBuffers();
	let held = 0;
	buffers.attach(
		() => {},
		() => held,
	);
	let buffer = buffers.nextBuffer();
	for (let index = 0; index < 10; index++) buffer = read(buffers, buffer, buffer.length);
	assert.equal(buffer.length, 1 << 20);
	// A sink that always has part of the last chunk queued: before, every read took a fresh buffer.
	const seen = new Set<ArrayBufferLike>();
	for (let index = 0; index < 20; index++) {
		seen.add(buffer.buffer);
		held = buffer.length - 1;
		buffer = read(buffers, buffer, buffer.length);
	}
	assert.ok(seen.size <= 3, `${seen.size} buffers of 1 MiB for 20 reads`);
	// Holding more than the last chunk: the one before it is not free.
	const last = buffer;
	held = 3 << 20;
	const next = read(buffers, last, last.length);
	assert.notEqual(next.buffer, last.buffer);
});

test('Given a destination that holds bytes, When a small read comes, Then it is copied out and the read buffer is used again', () => {
	const buffers = new ReadBuffers();
	const seen: Buffer[] = [];
	buffers.attach(
		data => seen.push(data),
		() => Number.POSITIVE_INFINITY,
	);
	let buffer = buffers.nextBuffer();
	for (let index = 0; index < 4; index++) buffer = read(buffers, buffer, buffer.length);
	const readBuffer = buffer;
	buffer = read(buffers, buffer, 10);
	assert.equal(buffer, readBuffer);
	assert.notEqual(seen.at(-1)!.buffer, readBuffer.buffer);
});

test('Given bytes read before a consumer exists, When it attaches, Then it gets them in order', () => {
	const buffers = new ReadBuffers();
	const first = buffers.nextBuffer();
	first.write('one');
	buffers.received(3, first);
	const second = buffers.nextBuffer();
	second.write('two');
	buffers.received(3, second);
	const seen: string[] = [];
	buffers.attach(data => seen.push(data.toString()));
	const third = buffers.nextBuffer();
	third.write('three');
	buffers.received(5, third);
	assert.deepEqual(seen, ['one', 'two', 'three']);
});

test('Given a read that fills its buffer, When it is handed on, Then it keeps the buffer and the next read gets a fresh one', () => {
	const buffers = new ReadBuffers();
	const seen: Buffer[] = [];
	buffers.attach(data => seen.push(data));
	buffers.received(1, buffers.nextBuffer());
	seen.length = 0;
	const first = buffers.nextBuffer();
	buffers.received(first.length, first.fill(7));
	const second = buffers.nextBuffer();
	assert.equal(seen[0]!.buffer, first.buffer, 'no copy of a full read');
	assert.notEqual(second.buffer, first.buffer, 'a buffer handed on is never read into again');
});

test('Given 1-byte reads (a drip), When each is handed on, Then each is a copy of its own size and the read buffer is used again', () => {
	const buffers = new ReadBuffers();
	const seen: Buffer[] = [];
	buffers.attach(data => seen.push(data));
	// The first read goes into a buffer shared by every socket; its own comes after.
	let buffer = buffers.nextBuffer();
	buffer[0] = 0;
	buffers.received(1, buffer);
	const readBuffer = buffers.nextBuffer();
	buffer = readBuffer;
	for (let index = 1; index < 100; index++) {
		buffer[0] = index;
		buffers.received(1, buffer);
		buffer = buffers.nextBuffer();
		assert.equal(buffer, readBuffer, 'the read buffer is reused');
	}
	assert.deepEqual([...Buffer.concat(seen)], [...Array(100).keys()], 'every byte kept its value');
	// A chunk of Node's shared pool (8 KiB for many small buffers), never a read buffer each.
	for (const chunk of seen) assert.notEqual(chunk.buffer, readBuffer.buffer);
});

test('Given many sockets, When none has read yet, Then they share one first-read buffer and its bytes are copied out', () => {
	const sockets = Array.from({length: 3}, () => new ReadBuffers());
	const firstBuffers = sockets.map(buffers => buffers.nextBuffer());
	assert.equal(new Set(firstBuffers).size, 1, 'an idle connection holds no buffer of its own');
	const seen: Buffer[] = [];
	sockets[0]!.attach(data => seen.push(data));
	firstBuffers[0]!.write('hello');
	sockets[0]!.received(5, firstBuffers[0]!);
	firstBuffers[1]!.write('other');
	assert.equal(seen[0]!.toString(), 'hello', 'copied before the buffer is read into again');
	assert.notEqual(sockets[0]!.nextBuffer(), firstBuffers[0], 'after its first read a socket has its own');
});

/** Read buffers on a test clock, grown to their largest size by reads that fill them, and the last buffer read into. */
function grownBuffers(clock: {now: number}): {buffers: ReadBuffers; buffer: Buffer} {
	const buffers = new ReadBuffers(() => clock.now);
	buffers.attach(
		() => {},
		() => 0,
	);
	let buffer = buffers.nextBuffer();
	for (let index = 0; index < 10; index++) buffer = read(buffers, buffer, buffer.length);
	return {buffers, buffer};
}

test('Given a receiver faster than its source (reads of 64 KiB or less into 1 MiB), When it shrinks, Then it fits the largest read and does not grow back', () => {
	const clock = {now: 0};
	const grown = grownBuffers(clock);
	const buffers = grown.buffers;
	let buffer = grown.buffer;
	assert.equal(buffer.length, 1 << 20);
	clock.now += 2000;
	const sizes = new Set<number>();
	const arrays = new Set<ArrayBufferLike>();
	// One source write (64 KiB) per read, now and then less: the size settles, buffers are reused.
	for (let index = 0; index < 3000; index++) {
		buffer = read(buffers, buffer, index % 7 === 0 ? 4096 : 64 << 10);
		sizes.add(buffer.length);
		arrays.add(buffer.buffer);
	}
	assert.equal(buffer.length, 128 << 10, 'twice the largest read');
	assert.ok(arrays.size <= 3, `${arrays.size} buffers allocated over 3000 reads (sizes ${[...sizes].join(', ')})`);
});

test('Given reads that fill the buffer now and then between runs of small ones, When they go on within a second, Then it keeps its size', () => {
	const clock = {now: 0};
	const grown = grownBuffers(clock);
	const buffers = grown.buffers;
	let buffer = grown.buffer;
	const arrays = new Set<ArrayBufferLike>();
	// A fast receiver: 300 reads of 64 KiB, then one that fills the buffer, 5 ms apart in all.
	for (let round = 0; round < 20; round++) {
		for (let index = 0; index < 300; index++) buffer = read(buffers, buffer, 64 << 10);
		buffer = read(buffers, buffer, buffer.length);
		arrays.add(buffer.buffer);
		clock.now += 5;
	}
	assert.equal(buffer.length, 1 << 20);
	assert.ok(arrays.size <= 2, `${arrays.size} buffers: it shrank and grew again`);
});
