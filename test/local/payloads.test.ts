import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fillRandom, fixedPayload, RandomPayloads} from '../../source/local/payloads.js';

test('ascii payloads hold printable characters only, binary ones use the whole byte range', () => {
	const ascii = fillRandom(Buffer.alloc(100_000), 'ascii');
	assert.ok(ascii.every(byte => byte >= 0x20 && byte <= 0x7e));
	const binary = fillRandom(Buffer.alloc(100_000), 'binary');
	assert.ok(binary.some(byte => byte < 0x20 || byte > 0x7e));
});

test('random payload sizes stay within [min, max] and cover both ends', () => {
	const payloads = new RandomPayloads({min: 3, max: 9}, 'binary');
	const sizes = new Set<number>();
	for (let index = 0; index < 5000; index++) {
		const size = payloads.next().length;
		assert.ok(size >= 3 && size <= 9, `size ${size}`);
		sizes.add(size);
	}
	assert.deepEqual(
		[...sizes].sort((a, b) => a - b),
		[3, 4, 5, 6, 7, 8, 9],
	);
});

test('random payloads larger than the pool and of a fixed size', () => {
	const payloads = new RandomPayloads({min: 1 << 20, max: 1 << 20}, 'ascii');
	assert.equal(payloads.next().length, 1 << 20);
	assert.equal(payloads.next().length, 1 << 20);
});

test('consecutive random payloads do not share bytes', () => {
	const payloads = new RandomPayloads({min: 1000, max: 1000}, 'binary');
	const first = Buffer.from(payloads.next());
	const second = payloads.next();
	assert.notDeepEqual(first, second);
	assert.deepEqual(payloads.next().length, 1000);
	assert.equal(fixedPayload(7, 'ascii').length, 7);
});
