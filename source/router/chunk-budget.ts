// Memory a write queue holds is bounded by what it retains, not only by the bytes it counts.
// Streams count queued bytes (highWaterMark), but each queued chunk also costs a Buffer object and
// a write request, so a peer that drips one byte per send() could queue a million chunks under a
// 1 MiB byte limit (issue 18: gigabytes). Two rules bound it:
// - ReadBuffers copies a read that fills little of its buffer out into a right-sized one, so a
//   small chunk never keeps a large read buffer alive (held memory <= 4x the counted bytes);
// - every queue (socket, output, shaper, UDP send) also caps its chunk count: past the cap its
//   write says "stop" like a full byte queue, and it reports drained once half have left.
// Bulk traffic comes in large chunks and meets the byte limit first, so it never feels the cap.

/** Chunks a queue may hold before its writer is told to stop. */
export const maxQueuedChunks = 1024;

/**
 * Counts one queue's chunks from write() to their write callback. Pass `written` as the callback
 * of every write, and let the writer's answer go through `afterWrite`.
 */
export class ChunkBudget {
	private queued = 0;
	/** We said "stop" for the count (not the bytes): the drained call is ours to make. */
	private owesDrain = false;

	constructor(private readonly onDrained: () => void) {}

	/** The write callback of every chunk (one function, so a write allocates nothing). */
	readonly written = (): void => {
		this.queued--;
		if (this.owesDrain && this.queued <= maxQueuedChunks / 2) {
			this.owesDrain = false;
			this.onDrained();
		}
	};

	/** One chunk was handed to the stream, which answered `accepted`: may the writer go on? */
	afterWrite(accepted: boolean): boolean {
		this.queued++;
		if (!accepted) return false;
		if (this.queued < maxQueuedChunks) return true;
		this.owesDrain = true;
		return false;
	}

	get chunks(): number {
		return this.queued;
	}
}
