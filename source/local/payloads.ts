// Payload contents for the generators: random bytes, or printable ASCII only (--rvals).
import {cryptoModule} from '../lazy-builtins.js';
import type {RandomValues} from '../options.js';

const firstPrintable = 0x20;
const printableCount = 0x7f - firstPrintable; // space .. tilde

/** Fills the buffer with random bytes; with `ascii`, printable non-control characters only. */
export function fillRandom(buffer: Buffer, values: RandomValues): Buffer {
	cryptoModule().randomFillSync(buffer);
	if (values === 'ascii') {
		for (let index = 0; index < buffer.length; index++) buffer[index] = firstPrintable + (buffer[index]! % printableCount);
	}
	return buffer;
}

/** -i fixed: one buffer made once and sent forever. */
export function fixedPayload(size: number, values: RandomValues): Buffer {
	return fillRandom(Buffer.allocUnsafe(size), values);
}

const poolSize = 256 * 1024;

/**
 * -i rand: payloads sized uniformly in [min, max]. They are cut from a pool filled in one call,
 * because a payload stays referenced while a socket queues it, so a pool is never refilled: a
 * spent one is replaced.
 */
export class RandomPayloads {
	private pool: Buffer = Buffer.alloc(0);
	private offset = 0;

	constructor(
		private readonly size: {min: number; max: number},
		private readonly values: RandomValues,
	) {}

	next(): Buffer {
		const {min, max} = this.size;
		const length = min === max ? min : cryptoModule().randomInt(min, max + 1);
		if (this.offset + length > this.pool.length) {
			this.pool = fillRandom(Buffer.allocUnsafe(Math.max(poolSize, length)), this.values);
			this.offset = 0;
		}
		const payload = this.pool.subarray(this.offset, this.offset + length);
		this.offset += length;
		return payload;
	}
}
