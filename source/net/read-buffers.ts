// Read buffers for a socket that reads through Node's `onread` (outbound sockets; a net.Server
// cannot pass `onread` to the sockets it accepts). Node's own reads are a fixed 64 KiB; here a
// buffer grows while reads fill it, up to 1 MiB, and shrinks to fit after a run of reads that use
// little of it, so a bulk transfer costs far fewer reads and events and an interactive one holds
// little memory.
// Which buffer the next read goes into:
// - one handed on before, when whoever got those bytes has let go of all of them by then
//   (`released`: every destination handed what it got to the OS, as a fast one does at once and a
//   slower one by its 'drain'). A fresh 1 MiB per read cost about a third of the CPU of a bulk
//   receive in allocation, page faults and garbage collection, and that garbage set the peak RSS
//   (docs/benchmarks.md, issue 17);
// - else a fresh one, since bytes read before still sit in some queue.
// A read that fills less than a quarter of its buffer while a destination is still holding
// earlier bytes (a slow or stalled peer) is copied out into a buffer of its own size, and the read
// buffer is used again: a queued 1-byte chunk must not keep a 4 KiB..1 MiB buffer alive (issue
// 18, router/chunk-budget.ts). When nothing is held, it goes uncopied: it will most likely be
// written at once, and if it is queued after all, only that one buffer waits with it.
const smallestRead = 4 << 10;
const largestRead = 1 << 20;
/**
 * Small reads in a row before the buffer shrinks to fit. A bulk receiver that keeps up with its
 * source sees mostly small reads between full ones; shrinking and growing again on each of those
 * runs allocated buffers of every size, and the freed ones left malloc's heap fragmented (peak RSS
 * grew with the amount received). A connection that went quiet still shrinks.
 */
const smallReadsBeforeShrinking = 256;
/** Buffers handed on that we keep track of, to read into again once released. */
const maxTracked = 4;

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
	/** The buffer of the last read when its bytes were copied out: free for the next read. */
	private spare: Buffer | undefined;
	/** Buffers that left uncopied since `released` last said yes: free again once it does. */
	private readonly handedOn: Buffer[] = [];
	/** Buffers released and not yet read into again. */
	private readonly free: Buffer[] = [];
	private released: (() => boolean) | undefined;
	private consumer: ((data: Buffer) => void) | undefined;
	/** Bytes read before a consumer was attached (the route is made just after 'connect'). */
	private readonly pending: Buffer[] = [];

	/** For Node: the buffer the next read goes into. */
	readonly nextBuffer = (): Buffer => {
		if (this.firstRead) return firstReadBuffer;
		if (this.lastRead === this.size && this.size < largestRead) this.size *= 2;
		else if (this.smallReads >= smallReadsBeforeShrinking) {
			while (this.size > smallestRead && this.lastRead * 4 < this.size) this.size /= 2;
		}
		const spare = this.spare;
		this.spare = undefined;
		if (spare?.length === this.size) return spare;
		if (this.handedOn.length > 0 && this.pending.length === 0 && this.released?.()) {
			this.free.push(...this.handedOn.splice(0));
			this.free.splice(0, this.free.length - 2);
		}
		for (let reusable = this.free.pop(); reusable; reusable = this.free.pop()) {
			if (reusable.length === this.size) return reusable;
		}
		return Buffer.allocUnsafeSlow(this.size);
	};

	/** For Node: `length` bytes were read into `buffer` (one of ours, so a Buffer). */
	readonly received = (length: number, buffer: Uint8Array): boolean => {
		this.lastRead = length;
		const whole = buffer as Buffer;
		const small = length * 4 < whole.length;
		this.smallReads = small ? this.smallReads + 1 : 0;
		let data: Buffer;
		if (whole === firstReadBuffer) {
			this.firstRead = false;
			data = Buffer.from(whole.subarray(0, length));
		} else if (small && !(this.consumer && this.released?.())) {
			// Small sizes come from Node's shared pool, so even a 1-byte copy holds about its size.
			data = Buffer.from(whole.subarray(0, length));
			this.spare = whole;
		} else {
			data = whole.subarray(0, length);
			// Beyond maxTracked, the oldest is left to the garbage collector.
			if (this.handedOn.push(whole) > maxTracked) this.handedOn.shift();
		}
		if (this.consumer) this.consumer(data);
		else this.pending.push(data);
		// Reading stops and starts through pause() and resume(), never here.
		return true;
	};

	/** released(): has everything the consumer got so far left the process (nothing holds it)? */
	attach(consumer: (data: Buffer) => void, released?: () => boolean): void {
		this.consumer = consumer;
		this.released = released;
		for (const data of this.pending.splice(0)) consumer(data);
	}
}
