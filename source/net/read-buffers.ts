// Read buffers for a socket that reads through Node's `onread` (outbound sockets; a net.Server
// cannot pass `onread` to the sockets it accepts). Node's own reads are a fixed 64 KiB; here a
// buffer grows while reads fill it, up to 1 MiB, and shrinks back when they do not, so a bulk
// transfer costs far fewer reads and events and an interactive one holds little memory.
// A read that fills at least a quarter of its buffer leaves with it (the router may queue it on
// other sockets, so the next read gets a fresh buffer): nothing is copied. A smaller read is
// copied out into a buffer of its own size and the read buffer is used again: a queued 1-byte
// chunk must not keep a 4 KiB..1 MiB buffer alive (see router/chunk-budget.ts).
const smallestRead = 4 << 10;
const largestRead = 1 << 20;

export class ReadBuffers {
	private size = smallestRead;
	private lastRead = 0;
	/** The buffer of the last read when its bytes were copied out: free for the next read. */
	private spare: Buffer | undefined;
	private consumer: ((data: Buffer) => void) | undefined;
	/** Bytes read before a consumer was attached (the route is made just after 'connect'). */
	private readonly pending: Buffer[] = [];

	/** For Node: the buffer the next read goes into. */
	readonly nextBuffer = (): Buffer => {
		if (this.lastRead === this.size && this.size < largestRead) this.size *= 2;
		else if (this.lastRead > 0 && this.lastRead < this.size / 4 && this.size > smallestRead) this.size /= 2;
		const spare = this.spare;
		this.spare = undefined;
		return spare?.length === this.size ? spare : Buffer.allocUnsafeSlow(this.size);
	};

	/** For Node: `length` bytes were read into `buffer` (one of ours, so a Buffer). */
	readonly received = (length: number, buffer: Uint8Array): boolean => {
		this.lastRead = length;
		const whole = buffer as Buffer;
		let data: Buffer;
		if (length * 4 < whole.length) {
			// Small sizes come from Node's shared pool, so even a 1-byte copy holds about its size.
			data = Buffer.from(whole.subarray(0, length));
			this.spare = whole;
		} else {
			data = whole.subarray(0, length);
		}
		if (this.consumer) this.consumer(data);
		else this.pending.push(data);
		// Reading stops and starts through pause() and resume(), never here.
		return true;
	};

	attach(consumer: (data: Buffer) => void): void {
		this.consumer = consumer;
		for (const data of this.pending.splice(0)) consumer(data);
	}
}
