// Standard input as local input: chunks as they arrive (cut to --ss), or one keystroke at a time
// in raw mode when stdin is a terminal and the mode is `stdin`.
import {echoOf, keysToSend, lineToSend} from './keyboard-keys.js';

export interface StdinInputOptions {
	/** Largest chunk to hand on; undefined keeps the chunks as read (up to 64 KiB). */
	sendSize?: number;
	/** Raw mode: every key is sent the moment it is pressed. */
	keystrokes: boolean;
	crlf: boolean;
	onData(data: Buffer): void;
	onEnd(): void;
	/** Reading failed (EBADF under nohup, a reset socket on stdin): local input is over. */
	onError(error: Error): void;
	/** Ctrl-C typed in raw mode. */
	onInterrupt(): void;
	/** Where typed keys are echoed in raw mode, since the terminal no longer does it. */
	echo?: NodeJS.WritableStream;
	/** How many of the last bytes handed to onData may still be held? Lets a file reuse its buffers. */
	heldBytes?: () => number;
}

const ctrlC = 0x03;
const ctrlD = 0x04;

export class StdinInput {
	private raw = false;

	constructor(
		private readonly stream: NodeJS.ReadStream,
		private readonly options: StdinInputOptions,
	) {}

	start(): void {
		if (this.options.keystrokes && this.stream.isTTY) {
			this.stream.setRawMode(true);
			this.raw = true;
		}
		// A keyboard in line mode: the terminal edited the line; -C decides how it ends.
		const lines = !this.raw && this.stream.isTTY === true;
		this.stream.on('data', (chunk: Buffer) =>
			this.raw ? this.keys(chunk) : this.forward(lines ? lineToSend(chunk, this.options.crlf) : chunk),
		);
		this.stream.on('end', () => this.options.onEnd());
		// An error may come before reading starts (openStdin listens from the start): it ends input.
		const failed = (this.stream as {errored?: Error | null}).errored;
		if (failed) {
			this.options.onError(failed);
			return;
		}
		this.stream.on('error', error => this.options.onError(error));
		const heldBytes = this.options.heldBytes;
		if (heldBytes) (this.stream as {reuseBuffersWhen?: (check: () => number) => void}).reuseBuffersWhen?.(heldBytes);
		this.stream.resume();
	}

	pause(): void {
		this.stream.pause();
	}

	resume(): void {
		this.stream.resume();
	}

	/** Leave raw mode and stop reading; safe to call more than once. */
	stop(): void {
		if (this.raw) {
			this.stream.setRawMode(false);
			this.raw = false;
		}
		this.stream.pause();
	}

	private forward(chunk: Buffer): void {
		const size = this.options.sendSize;
		if (size === undefined || chunk.length <= size) {
			this.options.onData(chunk);
			return;
		}
		for (let offset = 0; offset < chunk.length; offset += size) {
			this.options.onData(chunk.subarray(offset, offset + size));
		}
	}

	private keys(chunk: Buffer): void {
		if (chunk.includes(ctrlC)) {
			this.options.onInterrupt();
			return;
		}
		if (chunk.length === 1 && chunk[0] === ctrlD) {
			this.stop();
			this.options.onEnd();
			return;
		}
		// The terminal sends CR for Enter; a peer expects a line end (rules: keyboard-keys.ts).
		const data = keysToSend(chunk, this.options.crlf);
		this.options.echo?.write(echoOf(data));
		this.forward(data);
	}
}
