// A bounded ring of log entries addressed by a sequence number that keeps counting, so a position
// in the log (the scrollback anchor) stays meaningful while old entries fall off the front.
export class LogRing<T> {
	private readonly items: Array<T | undefined>;
	private head = 0;
	private count = 0;
	/** Sequence number of the next entry pushed. */
	private nextSeq = 0;

	/** `dropped` hears of each entry that falls off the front (to release what it holds). */
	constructor(
		readonly capacity: number,
		private readonly dropped?: (item: T) => void,
	) {
		this.items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Sequence number of the oldest entry still held. */
	get firstSeq(): number {
		return this.nextSeq - this.count;
	}

	/** Sequence number of the newest entry, or firstSeq - 1 when empty. */
	get lastSeq(): number {
		return this.nextSeq - 1;
	}

	push(item: T): number {
		const slot = (this.head + this.count) % this.capacity;
		const old = this.count === this.capacity ? this.items[slot] : undefined;
		this.items[slot] = item;
		if (this.count < this.capacity) this.count++;
		else this.head = (this.head + 1) % this.capacity;
		if (old !== undefined) this.dropped?.(old);
		return this.nextSeq++;
	}

	get(seq: number): T | undefined {
		if (seq < this.firstSeq || seq > this.lastSeq) return undefined;
		return this.items[(this.head + seq - this.firstSeq) % this.capacity];
	}

	/** Up to `limit` entries ending at `lastSeq` (inclusive), oldest first. */
	window(lastSeq: number, limit: number): T[] {
		const end = Math.min(lastSeq, this.lastSeq);
		const start = Math.max(this.firstSeq, end - limit + 1);
		const result: T[] = [];
		for (let seq = start; seq <= end; seq++) result.push(this.get(seq)!);
		return result;
	}
}
