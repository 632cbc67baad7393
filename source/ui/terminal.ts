// The terminal around the UI: alternate screen, raw mode, hidden cursor, and putting all of it back.
// Restoring is idempotent and synchronous, so it can run from any exit path, even process 'exit'.
// A suspended UI (Ctrl-Z) gives all of it back and takes it again on resume.
import {writeSync} from 'node:fs';

const enterSequence = '\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l';
const leaveSequence = '\x1b[?25h\x1b[?1049l';

export class TerminalScreen {
	private active = false;
	private suspended = false;

	constructor(
		private readonly stdin: NodeJS.ReadStream,
		private readonly stdout: NodeJS.WriteStream & {fd: number},
	) {}

	enter(): void {
		this.active = true;
		this.stdout.write(enterSequence);
		this.stdin.setRawMode(true);
		this.stdin.resume();
	}

	/** Wipes the screen for a full redraw (after a resize, Ctrl-L, a resume). */
	clear(): void {
		if (this.active) this.stdout.write('\x1b[2J\x1b[H');
	}

	/** Raw mode off, cursor shown, alternate screen left. Safe to call any number of times. */
	restore(): void {
		if (!this.active) return;
		this.active = false;
		// A terminal that went away (SSH dropped) cannot be restored; there is nothing to do then.
		try {
			this.stdin.setRawMode(false);
		} catch {}
		try {
			writeSync(this.stdout.fd, leaveSequence);
		} catch {}
		this.stdin.pause();
	}

	/** Before stopping (Ctrl-Z): the shell gets its screen and a cooked terminal back. */
	suspend(): void {
		if (!this.active) return;
		this.restore();
		this.suspended = true;
	}

	/** After SIGCONT: takes the terminal again; false when it was not suspended. */
	resume(): boolean {
		if (!this.suspended) return false;
		this.suspended = false;
		this.enter();
		return true;
	}

	get isSuspended(): boolean {
		return this.suspended;
	}
}
