// A regular file on stdin (`< file`) as a stream of 1 MiB chunks. fs.createReadStream allocates a
// fresh buffer per read; here a buffer is read into again once the bytes it carried have left the
// process (net/handed-on-buffers.ts: the destinations hold fewer bytes than came after it). A fresh 1 MiB
// per read cost a send from stdin about a third of its CPU in allocation, page faults and garbage
// collection, and that garbage set its peak RSS (issue 17, docs/benchmarks.md).
// It offers what StdinInput uses of a stream: 'data', 'end' and 'error', pause() and resume().
import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import {HandedOnBuffers} from '../net/handed-on-buffers.js';

const chunkSize = 1 << 20;

export class FileStdin extends EventEmitter {
	readonly isTTY = false;
	/** Set when a read failed (StdinInput looks here when it starts). */
	errored: Error | null = null;
	private paused = true;
	private reading = false;
	private ended = false;
	/** A chunk read while paused: it goes out on resume(). */
	private held: Buffer | undefined;
	private readonly handedOn = new HandedOnBuffers();
	private heldBytes: (() => number) | undefined;

	constructor(private readonly fd: number) {
		super();
	}

	/** heldBytes(): how many of the last bytes handed on may still be held? Without it, no reuse. */
	reuseBuffersWhen(heldBytes: () => number): void {
		this.heldBytes = heldBytes;
	}

	pause(): this {
		this.paused = true;
		return this;
	}

	resume(): this {
		this.paused = false;
		const held = this.held;
		this.held = undefined;
		if (held) this.emit('data', held);
		if (this.ended && !this.held) this.emit('end');
		else this.readMore();
		return this;
	}

	private nextBuffer(): Buffer {
		return this.handedOn.take(chunkSize, this.heldBytes) ?? Buffer.allocUnsafeSlow(chunkSize);
	}

	private readMore(): void {
		if (this.paused || this.reading || this.ended || this.errored) return;
		this.reading = true;
		const buffer = this.nextBuffer();
		// position null: from the file's current offset, as `cat` would (stdin may be part-read).
		fs.read(this.fd, buffer, 0, chunkSize, null, (error, bytesRead) => {
			this.reading = false;
			if (error) {
				this.errored = error;
				this.emit('error', error);
				return;
			}
			if (bytesRead === 0) {
				this.ended = true;
				this.handedOn.giveBack(buffer);
				if (!this.paused) this.emit('end');
				return;
			}
			this.handedOn.handedIn(buffer, bytesRead);
			const data = buffer.subarray(0, bytesRead);
			if (this.paused) this.held = data;
			else {
				this.emit('data', data);
				this.readMore();
			}
		});
	}
}
