// The one owner of keys: raw bytes from the terminal go through the keymap to a store action, to
// the peer (keystroke mode), or to the line editor (line mode).
import {actionFor, keystrokeBytes, splitKeys, type Action} from './keymap.js';
import {readerKey} from './reader-keys.js';
import type {UiStore} from './store.js';

export interface KeyControllerHooks {
	quit(): void;
	/** Ctrl-L: wipe the screen and draw it whole. */
	redraw(): void;
	/** Ctrl-Z: give the terminal back and stop, as a shell job. */
	suspend(): void;
}

const deleteKey = Buffer.from('\x1b[3~');

/** An escape sequence cut off at the end of a read: CSI without its final byte, or a bare SS3. */
function isIncomplete(key: Buffer): boolean {
	if (key[0] !== 0x1b || key.length < 2) return false;
	if (key[1] === 0x4f) return key.length === 2;
	if (key[1] !== 0x5b) return false;
	const last = key[key.length - 1]!;
	return key.length === 2 || last < 0x40 || last > 0x7e || (key.length === 3 && last === 0x5b);
}

export class KeyController {
	/** The start of a sequence whose rest comes with the next read. */
	private pending: Buffer | undefined;

	constructor(
		private readonly store: UiStore,
		private readonly hooks: KeyControllerHooks,
		private readonly crlf: boolean,
	) {}

	handle(data: Buffer): void {
		const keys = splitKeys(this.pending ? Buffer.concat([this.pending, data]) : data);
		this.pending = keys.length > 0 && isIncomplete(keys.at(-1)!) ? keys.pop() : undefined;
		for (const key of keys) this.key(key);
	}

	private key(key: Buffer): void {
		const action = actionFor(key);
		if (this.store.helpOpen) {
			if (action === 'quit') this.hooks.quit();
			else if (action === 'close-help' || action === 'help') this.store.setHelp(false);
			else if (action === 'page-up' || action === 'page-down' || action === 'redraw' || action === 'suspend') this.run(action);
			return;
		}
		if (this.store.prompt.isOpen && action !== 'quit') {
			this.store.prompt.key(key);
			return;
		}
		// Reading the log and moving through the list (details view, focus, search...): ui/reader-keys.ts.
		if (readerKey(this.store, key, action, next => this.run(next))) return;
		// Once the session ended there is nobody to type to: q and Esc leave, as in a pager.
		if (this.store.sessionEnd && (action === 'close-help' || key.toString('latin1') === 'q')) {
			this.hooks.quit();
			return;
		}
		if (action && action !== 'close-help') {
			this.run(action);
			return;
		}
		if (this.store.currentInputMode === 'keys') {
			const bytes = keystrokeBytes(key, this.crlf);
			if (bytes) this.store.sendKey(bytes);
		} else if (key.length === 1 && key[0] === 0x0d) {
			this.store.submitLine();
		} else {
			this.store.editLine(key);
		}
	}

	private run(action: Action): void {
		const store = this.store;
		switch (action) {
			case 'select-previous':
				return store.selectBy(-1);
			case 'select-next':
				return store.selectBy(1);
			case 'toggle-input-mode':
				return store.toggleInputMode();
			case 'cycle-forwarding':
				return store.cycleForwarding();
			case 'toggle-view':
				return store.toggleView();
			case 'disconnect':
				return store.disconnectSelected();
			case 'half-close':
				// In a line being typed Ctrl-D deletes forward, as in a shell; on an empty one it ends.
				if (store.currentInputMode === 'line' && !store.lineEmpty) return store.editLine(deleteKey);
				return store.halfCloseTarget();
			case 'redraw':
				return this.hooks.redraw();
			case 'suspend':
				return this.hooks.suspend();
			case 'toggle-capture':
				return store.capturePrompt?.toggle();
			case 'page-up':
				return store.scroll(-1);
			case 'page-down':
				return store.scroll(1);
			case 'live-tail':
				return store.scrollToEnd();
			case 'help':
				return store.setHelp(true);
			case 'close-help':
				return;
			case 'quit':
				return this.hooks.quit();
			case 'mark-pair':
			case 'unpair':
			case 'open-endpoint':
			case 'set-max-clients':
				return store.steer(action);
		}
	}
}
