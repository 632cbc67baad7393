// The UI's capture key: with no capture running it opens a prompt for a file name (pcapng, or a
// hex dump for names ending in .txt, .hex or .log); with captures running it stops them.
import os from 'node:os';
import {describeError} from '../errors.js';
import type {Prompt} from './prompt.js';

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
	files: CaptureFileState[];
}

export interface CapturePromptHooks {
	notice(level: 'info' | 'warning' | 'error', text: string): void;
	changed(): void;
}

export const captureLabel = 'capture to file (.txt/.hex: hex dump; Esc cancels) > ';

export class CapturePrompt {
	constructor(
		private readonly controls: CaptureControls,
		private readonly prompt: Prompt,
		private readonly hooks: CapturePromptHooks,
	) {}

	view(): CaptureView {
		return {files: this.controls.status()};
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
		this.prompt.open({
			label: captureLabel,
			// As in a shell, ~/ is the home directory. A file that cannot be opened keeps the prompt open.
			submit: async typed => {
				const path = typed.trim().replace(/^~(?=$|\/)/, os.homedir());
				if (path === '') return undefined;
				try {
					await this.controls.start(path);
				} catch (error) {
					return describeError(error);
				}
				this.hooks.notice('info', `Capturing to ${path}`);
				return undefined;
			},
		});
	}
}
