// Keystroke passthrough (F9): every key goes to the target as the bytes the terminal sent for it
// (arrows, function keys, Esc, Enter as CR, Ctrl-C, Ctrl-Z, Ctrl-S...), so a remote shell or editor
// can be driven. One key is kept back, Ctrl-] as in telnet: the key after it is the UI's (F9 or
// Ctrl-T leaves passthrough, F1 help, Ctrl-C quits...), and Ctrl-] twice sends one Ctrl-]. Pure
// state; the key controller acts on the answer.

/** Ctrl-]: what telnet uses to reach its own prompt. */
export const passthroughPrefix = 0x1d;

/** What to do with one key: send these bytes, treat it as a UI key, or nothing (the prefix was typed). */
export type PassthroughStep = {send: Buffer} | 'ui-key' | 'prefix';

export class Passthrough {
	private on = false;
	private prefixed = false;

	constructor(private readonly changed: () => void) {}

	get active(): boolean {
		return this.on;
	}

	/** Ctrl-] was typed and the next key is the UI's. */
	get armed(): boolean {
		return this.prefixed;
	}

	toggle(): void {
		this.on = !this.on;
		this.prefixed = false;
		this.changed();
	}

	route(key: Buffer): PassthroughStep {
		const isPrefix = key.length === 1 && key[0] === passthroughPrefix;
		if (this.prefixed) {
			this.prefixed = false;
			this.changed();
			return isPrefix ? {send: key} : 'ui-key';
		}
		if (!isPrefix) return {send: key};
		this.prefixed = true;
		this.changed();
		return 'prefix';
	}
}
