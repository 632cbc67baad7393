// Lines sent in line mode, walked with Ctrl-P / Ctrl-N as in readline: walking back keeps the line
// being typed as a draft, and walking forward past the newest line brings the draft back. A line
// taken from the history and edited is a new draft; the history itself never changes but by
// adding. Bounded: the oldest lines fall off.

export class LineHistory {
	private readonly lines: string[] = [];
	/** Index into lines while walking; lines.length means "the draft". */
	private position = 0;
	private draft = '';

	constructor(private readonly limit = 500) {}

	/** A line was sent: remembered (not twice in a row, not empty), and the walk starts over. */
	add(line: string): void {
		if (line !== '' && this.lines.at(-1) !== line) {
			this.lines.push(line);
			if (this.lines.length > this.limit) this.lines.shift();
		}
		this.position = this.lines.length;
		this.draft = '';
	}

	/** Ctrl-P: the line before, or undefined at the oldest. `current` is what the line holds now. */
	previous(current: string): string | undefined {
		if (this.position === 0) return undefined;
		if (this.position === this.lines.length) this.draft = current;
		this.position--;
		return this.lines[this.position];
	}

	/** Ctrl-N: the line after, the draft past the newest, or undefined when already at the draft. */
	next(): string | undefined {
		if (this.position >= this.lines.length) return undefined;
		this.position++;
		return this.position === this.lines.length ? this.draft : this.lines[this.position];
	}

	/** The line was edited: it is the draft now, wherever the walk was. */
	edited(): void {
		this.position = this.lines.length;
	}

	get size(): number {
		return this.lines.length;
	}
}
