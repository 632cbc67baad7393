// F8: a file sent to the typed-input target, read in 64 KiB chunks and handed to local input like
// stdin's chunks, so the router's backpressure pauses and resumes it as it pauses stdin (the
// session attaches this object to route 0). One file at a time; Esc cancels; the status bar shows
// how far it got, the log when it is done.
import type {ReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {describeError} from '../errors.js';
import {formatBytes} from '../local/stats.js';
import type {InputControl} from '../local/local-route.js';
import type {Prompt} from './prompt.js';
import type {NoticeLevel} from './snapshot.js';

export interface FileSendView {
	name: string;
	sent: number;
	/** Undefined for what has no size up front (a FIFO, a device). */
	size?: number;
}

export interface FileSenderHooks {
	/** Local input to the current target (through shaping and the router). */
	send(data: Buffer): void;
	/** Why the target cannot take input now, or undefined when it can. */
	blocked(): string | undefined;
	/** The target's name for notices (`#2`, `All peers`). */
	targetName(): string;
	notice(level: NoticeLevel, text: string): void;
	changed(): void;
}

const defaultChunkSize = 64 * 1024;

/** `~/x` as a shell would read it; anything else relative to the working directory. */
function expandPath(given: string): string {
	return given === '~' || given.startsWith('~/') ? path.join(homedir(), given.slice(1)) : given;
}

export class FileSender implements InputControl {
	private stream: ReadStream | undefined;
	private current: FileSendView | undefined;
	private paused = false;

	/** chunkSize: --ss, or a UDP datagram's limit (each chunk is one datagram there). */
	constructor(
		private readonly hooks: FileSenderHooks,
		private readonly chunkSize = defaultChunkSize,
	) {}

	get busy(): boolean {
		return this.stream !== undefined;
	}

	view(): FileSendView | undefined {
		return this.current && {...this.current};
	}

	/** F8: asks for the file on the input line (or says why not, while one is being sent). */
	ask(prompt: Prompt): void {
		if (this.stream) return this.hooks.notice('warning', `${this.current?.name} is being sent (${this.sentText()}); Esc cancels it`);
		prompt.open({label: `send file to ${this.hooks.targetName()} (Esc cancels) > `, submit: typed => this.start(typed)});
	}

	/** The prompt's submit: starts sending, or answers why not (the prompt stays open then). */
	async start(given: string): Promise<string | undefined> {
		const name = given.trim();
		if (name === '') return 'type a file name';
		if (this.stream) return 'a file is being sent (Esc cancels it)';
		const blocked = this.hooks.blocked();
		if (blocked) return blocked;
		let handle;
		try {
			handle = await open(expandPath(name), 'r');
		} catch (error) {
			return `cannot open ${name}: ${describeError(error)}`;
		}
		const stat = await handle.stat().catch(() => undefined);
		if (stat?.isDirectory()) {
			await handle.close();
			return `${name} is a directory`;
		}
		const stream = handle.createReadStream({highWaterMark: this.chunkSize});
		const target = this.hooks.targetName();
		this.stream = stream;
		// The file's own name in the status bar and later notices: a long path would push it out of view.
		const short = path.basename(name);
		this.current = {name: short, sent: 0, ...(stat?.isFile() ? {size: stat.size} : {})};
		stream.on('data', data => this.chunk(data as Buffer));
		stream.on('end', () => this.finish('info', `Sent ${short} to ${target}: ${formatBytes(this.current?.sent ?? 0)}`));
		stream.on('error', error => this.finish('error', `Sending ${short} failed after ${this.sentText()}: ${describeError(error)}`));
		if (this.paused) stream.pause();
		const size = stat?.isFile() ? `${formatBytes(stat.size)} ` : '';
		this.hooks.notice('info', `Sending ${size}to ${target} (Esc cancels) from ${name}`);
		return undefined;
	}

	/** Esc: stops the file where it is; false when no file is being sent. */
	cancel(): boolean {
		if (!this.stream) return false;
		this.finish('warning', `Cancelled sending ${this.current?.name}: ${this.sentText()} sent`);
		return true;
	}

	pause(): void {
		this.paused = true;
		this.stream?.pause();
	}

	resume(): void {
		this.paused = false;
		this.stream?.resume();
	}

	private chunk(data: Buffer): void {
		const blocked = this.hooks.blocked();
		if (blocked) {
			this.finish('warning', `Stopped sending ${this.current?.name}: ${blocked}; ${this.sentText()} sent`);
			return;
		}
		this.current!.sent += data.length;
		this.hooks.send(data);
		this.hooks.changed();
	}

	private sentText(): string {
		const size = this.current?.size;
		return `${formatBytes(this.current?.sent ?? 0)}${size === undefined ? '' : ` of ${formatBytes(size)}`}`;
	}

	private finish(level: NoticeLevel, text: string): void {
		const stream = this.stream;
		if (!stream) return;
		this.stream = undefined;
		stream.removeAllListeners('data');
		stream.removeAllListeners('end');
		stream.on('error', () => {});
		stream.destroy();
		this.current = undefined;
		this.hooks.notice(level, text);
		this.hooks.changed();
	}
}
