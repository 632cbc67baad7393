// Read buffers for a socket that reads through Node's `onread` (outbound sockets; a net.Server
// cannot pass `onread` to the sockets it accepts). Node's own reads are a fixed 64 KiB; here a
// buffer grows while reads fill it, up to 1 MiB, and shrinks to fit after a run of reads that use
// little of it, so a bulk transfer costs far fewer reads and events and an interactive one holds
// little memory.
// Which buffer the next read goes into:
// - one handed on before, once whoever got those bytes has let go of them (handed-on-buffers.ts:
//   the destinations hold fewer bytes than came after that buffer). A fresh 1 MiB per read cost
//   about a third of the CPU of a bulk receive in allocation, page faults and garbage collection,
//   and that garbage set the peak RSS (docs/benchmarks.md, issue 17);
// - else a fresh one, since bytes read before still sit in some queue.
// A read that fills less than a quarter of its buffer while a destination is still holding
// earlier bytes (a slow or stalled peer) is copied out into a buffer of its own size, and the read
// buffer is used again: a queued 1-byte chunk must not keep a 4 KiB..1 MiB buffer alive (issue
// 18, router/chunk-budget.ts). When nothing is held, it goes uncopied: it will most likely be
// written at once, and if it is queued after all, only that one buffer waits with it.
import {HandedOnBuffers} from './handed-on-buffers.js';

const smallestRead = 4 << 10;
const largestRead = 1 << 20;
/**
 * Small reads in a row before the buffer shrinks to fit. A bulk receiver that keeps up with its
 * source sees mostly small reads between full ones; shrinking and growing again on each of those
 * runs allocated buffers of every size, and the freed ones left malloc's heap fragmented (peak RSS
 * grew with the amount received). A connection that went quiet still shrinks. It shrinks to twice
 * the largest read of the run: to the last read, a receiver faster than a source that writes 64 KiB
 * at a time shrank, grew back through every size and shrank again, dozens of times per GiB, each
 * cycle about 2 MiB of fresh buffers (peak RSS 70-88 MiB instead of 56, issue 17). Nor does it
 * shrink within a second of a read that filled it: reads that fill 256 KiB now and then, between
 * runs of smaller ones, still cycled it between 256 KiB and 1 MiB (80-90 buffers per GiB).
 */
const smallReadsBeforeShrinking = 256;
const filledRecentlyMs = 1000;

/**
 * Every socket's first read goes here, and its bytes are copied out at once: an idle connection
 * (10,000 of them on a hub, issue 17) then holds no read buffer of its own. Reads run one at a
 * time on the event loop and each is copied before the next, so one buffer serves them all.
 */
const firstReadBuffer = Buffer.allocUnsafeSlow(smallestRead);

export class ReadBuffers {
	private size = smallestRead;
	private firstRead = true;
	private lastRead = 0;
	private smallReads = 0;
	/** The largest of the small reads in a row counted by smallReads. */
	private largestSmallRead = 0;
	/** When a read last filled the buffer (clock() time). */
	private filledAt = Number.NEGATIVE_INFINITY;

	/** clock: milliseconds, for the shrink rule (tests pass their own). */
	constructor(private readonly clock: () => number = Date.now) {}
	/** The buffer of the last read when its bytes were copied out: free for the next read. */
	private spare: Buffer | undefined;
	private readonly handedOn = new HandedOnBuffers();
	private heldBytes: (() => number) | undefined;
	private consumer: ((data: Buffer) => void) | undefined;
	/** Bytes read before a consumer was attached (the route is made just after 'connect'). */
	private readonly pending: Buffer[] = [];

	/** For Node: the buffer the next read goes into. */
	readonly nextBuffer = (): Buffer => {
		if (this.firstRead) return firstReadBuffer;
		if (this.lastRead === this.size && this.size < largestRead) this.size *= 2;
		else if (this.smallReads >= smallReadsBeforeShrinking && this.clock() - this.filledAt >= filledRecentlyMs) {
			// To twice the largest read of the run, so that none of those would fill it (and grow it again).
			while (this.size > smallestRead && this.largestSmallRead * 2 < this.size) this.size /= 2;
			this.smallReads = 0;
			this.largestSmallRead = 0;
		}
		const spare = this.spare;
		this.spare = undefined;
		if (spare?.length === this.size) return spare;
		// Bytes read before a consumer existed are held here, unaccounted: no reuse until it has them.
		const reusable = this.handedOn.take(this.size, this.pending.length === 0 ? this.heldBytes : undefined);
		return reusable ?? Buffer.allocUnsafeSlow(this.size);
	};

	/** For Node: `length` bytes were read into `buffer` (one of ours, so a Buffer). */
	readonly received = (length: number, buffer: Uint8Array): boolean => {
		this.lastRead = length;
		const whole = buffer as Buffer;
		const small = length * 4 < whole.length;
		if (length === whole.length) this.filledAt = this.clock();
		this.smallReads = small ? this.smallReads + 1 : 0;
		this.largestSmallRead = small ? Math.max(this.largestSmallRead, length) : 0;
		let data: Buffer;
		if (whole === firstReadBuffer) {
			this.firstRead = false;
			data = Buffer.from(whole.subarray(0, length));
			this.handedOn.handedCopy(length);
		} else if (small && !(this.consumer && this.heldBytes?.() === 0)) {
			// Small sizes come from Node's shared pool, so even a 1-byte copy holds about its size.
			data = Buffer.from(whole.subarray(0, length));
			this.handedOn.handedCopy(length);
			this.spare = whole;
		} else {
			data = whole.subarray(0, length);
			this.handedOn.handedIn(whole, length);
		}
		if (this.consumer) this.consumer(data);
		else this.pending.push(data);
		// Reading stops and starts through pause() and resume(), never here.
		return true;
	};

	/**
	 * heldBytes(): how many of the last bytes the consumer got may still be held (0: it let go of
	 * all; Infinity: unknown). Without it, no buffer is read into twice.
	 */
	attach(consumer: (data: Buffer) => void, heldBytes?: () => number): void {
		this.consumer = consumer;
		this.heldBytes = heldBytes;
		for (const data of this.pending.splice(0)) consumer(data);
	}
}
