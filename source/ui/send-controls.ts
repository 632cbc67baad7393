// The ways to send beyond a typed line (issue 15 items 7-9), kept out of the store: escapes in line
// mode (F7), a file (F8, ui/file-sender.ts) and keystroke passthrough (F9, ui/passthrough.ts),
// with the notices that say what each toggle did and what they add to the snapshot.
import type {InputControl} from '../local/local-route.js';
import {blockedText} from './aim.js';
import {FileSender} from './file-sender.js';
import {targetName} from './format.js';
import {Passthrough} from './passthrough.js';
import type {InputMode, NoticeLevel, Snapshot} from './snapshot.js';
import type {TypedInput} from './typed-input.js';

export interface SendControlsHooks {
	notice(level: NoticeLevel, text: string): void;
	/** A key changed something: draw at once. */
	respond(): void;
	/** Progress: draw at the next frame. */
	schedule(): void;
	inputMode(): InputMode;
	/** Live peers: a file for All peers with none connected would be read into nowhere. */
	peerCount(): number;
}

export interface SendControlsOptions {
	/** Hands the file sender to route 0, which pauses and resumes it as it does stdin (backpressure). */
	attachLocalInput?: (input: InputControl) => void;
	/** F8 reads files in chunks of this size (--ss; a datagram's limit with UDP); 64 KiB by default. */
	fileChunkSize?: number;
}

export class SendControls {
	readonly passthrough: Passthrough;
	readonly fileSender: FileSender;

	constructor(
		private readonly input: TypedInput,
		private readonly hooks: SendControlsHooks,
		options: SendControlsOptions,
	) {
		this.passthrough = new Passthrough(() => hooks.respond());
		this.fileSender = new FileSender(
			{
				send: data => input.send(data),
				blocked: () => {
					const blocked = input.blocked();
					if (blocked) return blockedText(input.aim, blocked);
					return input.aim === 'all' && hooks.peerCount() === 0 ? 'no peer is connected' : undefined;
				},
				targetName: () => targetName(input.aim),
				notice: (level, text) => hooks.notice(level, text),
				changed: () => hooks.schedule(),
			},
			options.fileChunkSize,
		);
		options.attachLocalInput?.(this.fileSender);
	}

	/** F9 (Ctrl-] F9 or Ctrl-] Ctrl-T to leave): every key to the target as the terminal sent it. */
	togglePassthrough(): void {
		this.passthrough.toggle();
		const on = `Passthrough: every key goes to ${targetName(this.input.aim)}; Ctrl-] then F9 leaves`;
		this.hooks.notice('mode', this.passthrough.active ? on : `Passthrough off: ${this.hooks.inputMode()} mode`);
	}

	/** Passthrough: Ctrl-] was followed by a key the UI has no use for. */
	passthroughMiss(key: Buffer): void {
		const name = JSON.stringify(key.toString('latin1')).slice(1, -1);
		this.hooks.notice('warning', `Ctrl-] ${name}: not a UI key (F9 leaves passthrough, F1 lists keys, Ctrl-] Ctrl-] sends Ctrl-])`);
	}

	/** F7: escapes in line mode on or off. */
	toggleEscapes(): void {
		this.input.escapes = !this.input.escapes;
		const on = 'Escapes on (F7): \\n \\r \\t \\\\ \\xNN sent as bytes, no line end';
		this.hooks.notice('mode', this.input.escapes ? on : 'Escapes off: lines are sent as typed, with a line end');
	}

	view(): Pick<Snapshot, 'escapes' | 'passthrough' | 'fileSend'> {
		const file = this.fileSender.view();
		return {
			escapes: this.input.escapes,
			...(this.passthrough.active ? {passthrough: {armed: this.passthrough.armed}} : {}),
			...(file ? {fileSend: file} : {}),
		};
	}
}
