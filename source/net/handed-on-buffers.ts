// Buffers a reader handed on (to the router) and may read into again once nobody holds them.
// Every destination that can say so reports how many of the bytes it was given it still holds
// (`heldBytes`: a socket's writableLength). Queues write in order, so if the destinations hold
// at most H bytes, only the newest H bytes handed on can still be in use: every buffer whose bytes
// all came before those is free. The older rule waited until every destination held nothing, so
// a relay whose sink always had a little queued got a fresh 1 MiB buffer per read; the old ones
// became garbage, and V8 collects external memory only after tens of MiB of it, which set the
// relay's peak RSS (63-77 MiB, issue 17).

/** Buffers handed on and still tracked; beyond this the oldest is left to the garbage collector. */
const maxTracked = 16;
/** Free buffers kept for reading into. */
const maxFree = 4;

export class HandedOnBuffers {
	/** Bytes handed on so far, counting copies too: positions in the stream the destinations see. */
	private handed = 0;
	/** Buffers handed on, oldest first, with the stream position their last byte ends at. */
	private readonly tracked: Array<{buffer: Buffer; end: number}> = [];
	private readonly free: Buffer[] = [];

	/** `length` bytes went on as a copy or in a buffer that is not ours to read into again. */
	handedCopy(length: number): void {
		this.handed += length;
	}

	/** `length` bytes went on in `buffer` (ours, to be read into again once released). */
	handedIn(buffer: Buffer, length: number): void {
		this.handed += length;
		if (this.tracked.push({buffer, end: this.handed}) > maxTracked) this.tracked.shift();
	}

	/**
	 * A buffer of `size` bytes free to read into, or undefined. heldBytes(): how many of the last
	 * bytes handed on some destination may still hold (Infinity: unknown, so all of them).
	 */
	take(size: number, heldBytes: (() => number) | undefined): Buffer | undefined {
		if (this.tracked.length > 0 && heldBytes) {
			const releasedUpTo = this.handed - heldBytes();
			while (this.tracked.length > 0 && this.tracked[0]!.end <= releasedUpTo) {
				const {buffer} = this.tracked.shift()!;
				if (buffer.length === size) this.free.push(buffer);
			}
			if (this.free.length > maxFree) this.free.splice(0, this.free.length - maxFree);
		}
		for (let reusable = this.free.pop(); reusable; reusable = this.free.pop()) {
			if (reusable.length === size) return reusable;
		}
		return undefined;
	}

	/** A buffer that was never handed on (end of input): free at once. */
	giveBack(buffer: Buffer): void {
		if (this.free.length < maxFree) this.free.push(buffer);
	}
}
