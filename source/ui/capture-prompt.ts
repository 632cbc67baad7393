// The UI's capture key: with no capture running it opens a prompt for a file name (pcapng, or a
// hex dump for names ending in .txt, .hex or .log); with captures running it stops them. While
// the prompt is open it owns the keys: Enter starts, Esc cancels, the rest edits the name.
import os from 'node:os';
import {describeError} from '../errors.js';
import {editLine, emptyLine, type LineState} from './line-editor.js';

export interface CaptureFileState {
	path: string;
	format: 'pcapng' | 'hex';
	bytes: number;
}

/** What the session offers: start and stop captures, and list the running ones. */
export interface CaptureControls {
	start(path: string): Promise<void>;
	stopAll(): Promise<void>;
	status(): CaptureFileState[];
}

export interface CaptureView {
	/** The file name being typed, while the prompt is open. */
	prompt: LineState | undefined;
	files: CaptureFileState[];
}

export interface CapturePromptHooks {
	notice(level: 'info' | 'warning' | 'error', text: string): void;
	changed(): void;
}

export class CapturePrompt {
	private line: LineState | undefined;

	constructor(
		private readonly controls: CaptureControls,
		private readonly hooks: CapturePromptHooks,
	) {}

	get open(): boolean {
		return this.line !== undefined;
	}

	view(): CaptureView {
		return {prompt: this.line, files: this.controls.status()};
	}

	/** The capture key. */
	toggle(): void {
		const running = this.controls.status();
		if (running.length > 0) {
			void this.controls.stopAll().then(() => {
				this.hooks.notice('info', `Capture stopped: ${running.map(file => file.path).join(', ')}`);
				this.hooks.changed();
			});
			return;
		}
		this.line = emptyLine;
		this.hooks.changed();
	}

	/** A key while the prompt is open. */
	key(key: Buffer): void {
		if (!this.line) return;
		const text = key.toString('latin1');
		if (text === '\x1b' || text === '\x07') this.line = undefined;
		// As in a shell, ~/ is the home directory.
		else if (text === '\r') this.submit(this.line.value.trim().replace(/^~(?=$|\/)/, os.homedir()));
		else this.line = editLine(this.line, key);
		this.hooks.changed();
	}

	private submit(path: string): void {
		this.line = undefined;
		if (path === '') return;
		this.controls.start(path).then(
			() => {
				this.hooks.notice('info', `Capturing to ${path}`);
				this.hooks.changed();
			},
			(error: unknown) => this.hooks.notice('error', describeError(error)),
		);
	}
}
