// A capture file written as a stream with bounded memory. write() says whether the file can take
// more now (like a socket's write); 'drain' says when it can again. A size limit is kept exactly:
// a record that would pass it is not written, and the file is closed there.
import {createWriteStream, type WriteStream} from 'node:fs';
import {EventEmitter} from 'node:events';
import {describeError} from '../errors.js';

/** Bytes queued for the disk before writers are asked to wait. */
const highWaterMark = 4 << 20;
/**
 * Writers may go on once the queue is this small again. A stream's own 'drain' comes only when
 * its queue is empty, so the network would stand still during every disk write; resuming earlier
 * lets the two overlap.
 */
const lowWaterMark = highWaterMark / 4;

export interface CaptureFileEvents {
	drain: [];
	/** The size limit was reached: nothing more will be written. */
	full: [];
	failed: [text: string];
}

export class CaptureFile extends EventEmitter<CaptureFileEvents> {
	private readonly stream: WriteStream;
	private size = 0;
	private stopped = false;
	private corked = false;
	private readonly closed: Promise<void>;
	/** A writer was told to wait and has not been told to go on. */
	private waiting = false;

	constructor(
		readonly path: string,
		private readonly maxBytes: number | undefined,
	) {
		super();
		this.stream = createWriteStream(path, {highWaterMark});
		this.closed = new Promise(resolve => this.stream.once('close', () => resolve()));
		this.stream.on('drain', this.afterWrite);
		this.stream.on('error', error => {
			this.stopped = true;
			this.emit('failed', `cannot write capture file ${path}: ${describeError(error)}`);
		});
	}

	/** Bytes written (or queued) so far. */
	get bytes(): number {
		return this.size;
	}

	get active(): boolean {
		return !this.stopped;
	}

	/**
	 * Appends one record made of `parts`, whole or not at all. False means "wait for 'drain'"
	 * (and also that the file stopped: it will not drain then, the owner detaches instead).
	 */
	write(parts: readonly Buffer[]): boolean {
		if (this.stopped) return false;
		let length = 0;
		for (const part of parts) length += part.length;
		if (this.maxBytes !== undefined && this.size + length > this.maxBytes) {
			this.stopped = true;
			this.emit('full');
			return false;
		}
		this.size += length;
		// Records of one tick leave in one writev.
		if (!this.corked) {
			this.corked = true;
			this.stream.cork();
			process.nextTick(() => {
				this.corked = false;
				this.stream.uncork();
			});
		}
		let more = true;
		const last = parts.length - 1;
		for (let index = 0; index <= last; index++) more = this.stream.write(parts[index]!, index === last ? this.afterWrite : undefined);
		if (!more) this.waiting = true;
		return more;
	}

	private readonly afterWrite = (): void => {
		if (this.waiting && this.stream.writableLength <= lowWaterMark) {
			this.waiting = false;
			this.emit('drain');
		}
	};

	/** Flushes what was written and closes the file. */
	async close(): Promise<void> {
		this.stopped = true;
		if (!this.stream.writableEnded) this.stream.end();
		await this.closed;
	}

	/** Resolves once the file is open for writing, or rejects with a one-line reason. */
	ready(): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.stream.pending === false) return resolve();
			this.stream.once('ready', () => resolve());
			this.stream.once('error', error => reject(new Error(`cannot write capture file ${this.path}: ${describeError(error)}`)));
		});
	}
}
