// Local input that makes its own data (-i rand, -i fixed). It produces only while the router
// accepts: a destination that is full pauses route 0, which pauses this, and its drain resumes it.
// Work is done in batches with setImmediate between them, so sockets and the UI keep running even
// when every destination always accepts (e.g. UDP, which has no write backpressure).
import type {InputControl} from './local-route.js';

export interface GeneratorInputOptions {
	/** The next payload (may be the same Buffer every time). */
	next(): Buffer;
	send(data: Buffer): void;
	/** Whether anybody would receive it; without one the generator sleeps until wake(). */
	hasDestination(): boolean;
}

const batchBytes = 4 << 20;
const batchChunks = 1024;

export class GeneratorInput implements InputControl {
	private paused = false;
	private stopped = true;
	private scheduled = false;

	constructor(private readonly options: GeneratorInputOptions) {}

	start(): void {
		this.stopped = false;
		this.schedule();
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
		this.schedule();
	}

	/** A destination may have appeared. */
	wake(): void {
		this.schedule();
	}

	stop(): void {
		this.stopped = true;
	}

	private schedule(): void {
		if (this.scheduled || this.stopped || this.paused) return;
		this.scheduled = true;
		setImmediate(this.run);
	}

	private readonly run = (): void => {
		this.scheduled = false;
		let bytes = 0;
		let chunks = 0;
		while (!this.paused && !this.stopped && this.options.hasDestination()) {
			const data = this.options.next();
			this.options.send(data);
			bytes += data.length;
			if (++chunks >= batchChunks || bytes >= batchBytes) {
				this.schedule();
				return;
			}
		}
	};
}
