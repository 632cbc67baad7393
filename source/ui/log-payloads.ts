// How much of each payload the log keeps, and the bound on all of it together. Each traffic entry
// keeps its first `entryCap` bytes for the details view; the log line shows the first
// `previewLimit`. The bytes beyond the first `previewLimit` of every entry count against one
// budget: over it, the oldest entries give theirs back (their first `previewLimit` stays). So the
// log never holds more than scrollback x previewLimit + keptBudget payload bytes.
import type {LogEntry, TrafficEntry} from './snapshot.js';

/** Bytes of each payload the log line shows (and every entry keeps). */
export const previewLimit = 1024;
/** Bytes of each payload kept for the details view. */
export const entryCap = 64 * 1024;
/** Bytes beyond the first `previewLimit` of each entry, all entries together. */
export const keptBudget = 32 * 1024 * 1024;

function extra(entry: TrafficEntry): number {
	return Math.max(0, entry.preview.length - previewLimit);
}

export class PayloadKeeper {
	/** Entries holding bytes beyond previewLimit, oldest first (from `head`). */
	private queue: TrafficEntry[] = [];
	private head = 0;
	private total = 0;
	/** The entry still growing (coalescing), with the buffer it grows in. */
	private growing: {entry: TrafficEntry; backing: Buffer} | undefined;

	constructor(private readonly budget = keptBudget) {}

	/** Bytes beyond previewLimit held now (the figure the budget bounds). */
	get heldBeyondPreview(): number {
		return this.total;
	}

	/** The kept copy of a new entry's first chunk. */
	first(data: Buffer): Buffer {
		this.finish();
		return Buffer.from(data.subarray(0, entryCap));
	}

	/** A new entry joined the log. */
	added(entry: TrafficEntry): void {
		this.account(entry, 0);
	}

	/** More bytes for the newest entry: kept up to entryCap, in a buffer that doubles (no copy per chunk). */
	append(entry: TrafficEntry, data: Buffer): void {
		const kept = entry.preview.length;
		const take = Math.min(data.length, entryCap - kept);
		if (take <= 0 || entry.trimmed) return;
		let backing = this.growing?.entry === entry ? this.growing.backing : undefined;
		if (!backing || backing.length < kept + take) {
			const next = Buffer.allocUnsafe(Math.min(entryCap, Math.max(2 * (kept + take), 4096)));
			entry.preview.copy(next);
			backing = next;
			this.growing = {entry, backing};
		}
		data.copy(backing, kept, 0, take);
		const before = extra(entry);
		entry.preview = backing.subarray(0, kept + take);
		this.account(entry, before);
	}

	/** The newest entry stops growing (a new one came, or it was published): keep only its bytes. */
	finish(): void {
		const growing = this.growing;
		this.growing = undefined;
		if (growing && growing.backing.length > growing.entry.preview.length && !growing.entry.trimmed) {
			// Its own memory, not a slice of Node's Buffer pool (64 KiB on Node 24), which it would pin.
			const own = Buffer.allocUnsafeSlow(growing.entry.preview.length);
			growing.entry.preview.copy(own);
			growing.entry.preview = own;
		}
	}

	/** An entry fell off the ring: its bytes no longer count. */
	dropped(entry: LogEntry): void {
		if (entry.kind !== 'traffic') return;
		this.total -= extra(entry);
		entry.trimmed = true;
		entry.preview = entry.preview.subarray(0, 0);
		if (this.growing?.entry === entry) this.growing = undefined;
	}

	private account(entry: TrafficEntry, before: number): void {
		const now = extra(entry);
		if (before === 0 && now > 0) this.queue.push(entry);
		this.total += now - before;
		while (this.total > this.budget && this.head < this.queue.length) this.release(this.queue[this.head++]!);
		if (this.head > 1024 && this.head * 2 > this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
	}

	/** The oldest entry gives back what it held beyond its preview. */
	private release(entry: TrafficEntry): void {
		if (entry.trimmed) return;
		this.total -= extra(entry);
		entry.preview = Buffer.from(entry.preview.subarray(0, previewLimit));
		entry.trimmed = true;
		if (this.growing?.entry === entry) this.growing = undefined;
	}
}
