// One prompt on the input line at a time (capture file, search, #N, path, new endpoint...): a
// label, the text being typed, and what Enter does. While open it owns the keys: Enter submits,
// Esc (or Ctrl-G) cancels, the rest edits. A submit may answer with an error, which keeps the
// prompt open with the error shown, so the user can fix the text instead of typing it again.
import {describeError} from '../errors.js';
import {editLine, emptyLine, type LineState} from './line-editor.js';

export interface PromptSpec {
	/** What is asked, shown before the typed text, e.g. `search: `. */
	label: string;
	/** Text the prompt starts with. */
	initial?: string;
	/** Enter: undefined (or a promise of it) closes the prompt; a string is an error that keeps it open. */
	submit(value: string): string | undefined | Promise<string | undefined>;
	/** Esc, or another prompt replacing this one. */
	cancel?(): void;
}

export interface PromptView {
	label: string;
	line: LineState;
	/** Why the last submit was refused. */
	error?: string;
	/** A submit is running (e.g. a connect): keys wait. */
	busy: boolean;
}

export class Prompt {
	private spec: PromptSpec | undefined;
	private line: LineState = emptyLine;
	private error: string | undefined;
	private busy = false;

	constructor(private readonly changed: () => void) {}

	get isOpen(): boolean {
		return this.spec !== undefined;
	}

	open(spec: PromptSpec): void {
		this.spec?.cancel?.();
		this.spec = spec;
		const initial = spec.initial ?? '';
		this.line = {value: initial, cursor: [...initial].length};
		this.error = undefined;
		this.busy = false;
		this.changed();
	}

	close(): void {
		this.spec = undefined;
		this.error = undefined;
		this.busy = false;
		this.changed();
	}

	view(): PromptView | undefined {
		if (!this.spec) return undefined;
		return {label: this.spec.label, line: this.line, busy: this.busy, ...(this.error === undefined ? {} : {error: this.error})};
	}

	/** A key while the prompt is open (one key: a character run, a control byte or an escape sequence). */
	key(key: Buffer): void {
		const spec = this.spec;
		if (!spec || this.busy) return;
		const text = key.toString('latin1');
		if (text === '\x1b' || text === '\x07') {
			spec.cancel?.();
			this.close();
			return;
		}
		if (text === '\r' || text === '\n') {
			this.submit(spec);
			return;
		}
		this.line = editLine(this.line, key);
		this.error = undefined;
		this.changed();
	}

	private submit(spec: PromptSpec): void {
		const settle = (error: string | undefined) => {
			if (this.spec !== spec) return;
			this.busy = false;
			if (error === undefined) this.close();
			else {
				this.error = error;
				this.changed();
			}
		};
		let answer: ReturnType<PromptSpec['submit']>;
		try {
			answer = spec.submit(this.line.value);
		} catch (error) {
			settle(describeError(error));
			return;
		}
		if (answer instanceof Promise) {
			this.busy = true;
			this.changed();
			answer.then(settle, (error: unknown) => settle(describeError(error)));
		} else settle(answer);
	}
}
