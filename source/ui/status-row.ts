// The status bar on the terminal's last row, drawn outside Ink's frame: Ink 6 wipes the screen and
// the scrollback whenever its frame is as tall as the terminal, so the frame stops one row short
// and this row is written with an absolute cursor move (cursor saved and restored around it).
// Ink erases the row under its cursor before each frame, so the row is written again after every
// Ink write, and whenever the bar's text changes while the rest of the frame did not.
import {statusText} from './status-bar.js';
import type {Snapshot} from './snapshot.js';

export class StatusRow {
	private text = '';
	private paused = false;

	/** The stdout Ink writes to: every write carries the status row after it. */
	readonly inkStdout: NodeJS.WriteStream;

	constructor(
		private readonly stdout: NodeJS.WriteStream,
		private readonly snapshot: () => Snapshot,
	) {
		this.inkStdout = new Proxy(stdout, {
			get: (target, property) => {
				if (property === 'write') {
					return (chunk: string | Uint8Array, ...rest: unknown[]) => {
						if (this.paused || typeof chunk !== 'string')
							return (target.write as (...args: unknown[]) => boolean)(chunk, ...rest);
						return (target.write as (...args: unknown[]) => boolean)(chunk + this.sequence(), ...rest);
					};
				}
				const value = Reflect.get(target, property, target) as unknown;
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
			},
		});
	}

	/** The store published: write the row if its text changed. */
	update(): void {
		if (this.paused) return;
		const snapshot = this.snapshot();
		if (statusText(snapshot, snapshot.columns) === this.text) return;
		this.stdout.write(this.sequence());
	}

	/** The screen was wiped: the next update writes the row whatever it holds. */
	invalidate(): void {
		this.text = '';
	}

	/** Suspended or leaving: write nothing. */
	pause(paused: boolean): void {
		this.paused = paused;
		this.invalidate();
	}

	private sequence(): string {
		const snapshot = this.snapshot();
		this.text = statusText(snapshot, snapshot.columns);
		const bold = snapshot.ended ? '\x1b[1m' : '';
		return `\x1b7\x1b[${snapshot.rows};1H\x1b[2K${bold}\x1b[7m${this.text}\x1b[0m\x1b8`;
	}
}
