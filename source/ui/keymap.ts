// Key bindings as data, the byte sequences terminals send for them, and how unbound keys become
// bytes for a peer in keystroke mode. Pure.

export type Action =
	| 'select-previous'
	| 'select-next'
	| 'toggle-input-mode'
	| 'cycle-forwarding'
	| 'toggle-view'
	| 'disconnect'
	| 'half-close'
	| 'redraw'
	| 'suspend'
	| 'toggle-capture'
	| 'page-up'
	| 'page-down'
	| 'live-tail'
	| 'help'
	| 'close-help'
	| 'quit'
	// ui-steer (issue 15, items 10-12)
	| 'mark-pair'
	| 'unpair'
	| 'open-endpoint'
	| 'set-max-clients'
	// ui-read (issue 15, items 1-5)
	| 'focus-next'
	| 'focus-previous'
	| 'log-start'
	| 'search'
	| 'search-previous'
	| 'toggle-wrap'
	| 'follow-peer'
	| 'go-to-route'

	// ui-send (issue 15 items 7-9)
	| 'toggle-escapes'
	| 'send-file'
	| 'toggle-passthrough';

export interface Binding {
	action: Action;
	/** What the help overlay calls the key. */
	label: string;
	description: string;
	/** Byte sequences (latin1 strings) that trigger it: xterm, VT100 application mode, Linux console. */
	sequences: readonly string[];
}

export const bindings: readonly Binding[] = [
	{
		action: 'select-previous',
		label: 'Up',
		description: 'select who receives typed input (All peers or one)',
		sequences: ['\x1b[A', '\x1bOA'],
	},
	{action: 'select-next', label: 'Down', description: 'select the next peer', sequences: ['\x1b[B', '\x1bOB']},
	{action: 'toggle-input-mode', label: 'Ctrl-T', description: 'toggle line mode / keystroke mode', sequences: ['\x14']},
	{
		action: 'cycle-forwarding',
		label: 'Ctrl-F',
		description: 'forwarding: none -> hub -> channels -> linger-channels',
		sequences: ['\x06'],
	},
	{action: 'toggle-view', label: 'Ctrl-X', description: 'traffic log as text / hex dump', sequences: ['\x18']},
	{action: 'disconnect', label: 'Ctrl-K', description: 'disconnect the selected peer; on a listener row: close it', sequences: ['\x0b']},
	{
		action: 'half-close',
		label: 'Ctrl-D',
		description: 'half-close: send FIN, keep reading (line mode: on an empty line)',
		sequences: ['\x04'],
	},
	{action: 'redraw', label: 'Ctrl-L', description: 'redraw the whole screen', sequences: ['\x0c']},
	{action: 'suspend', label: 'Ctrl-Z', description: 'suspend to the shell (fg resumes)', sequences: ['\x1a']},
	{action: 'toggle-capture', label: 'Ctrl-O', description: 'capture to a file (pcapng; .txt/.hex: hex dump) / stop', sequences: ['\x0f']},
	{action: 'page-up', label: 'PgUp', description: 'scroll the log back', sequences: ['\x1b[5~']},
	{action: 'page-down', label: 'PgDn', description: 'scroll the log forward', sequences: ['\x1b[6~']},
	{
		action: 'live-tail',
		label: 'End',
		description: 'back to the live end of the log',
		sequences: ['\x1b[F', '\x1bOF', '\x1b[4~', '\x1b[8~'],
	},
	// ui-steer (issue 15, items 10-12): steer peers and endpoints by hand.
	{action: 'mark-pair', label: 'Ctrl-B', description: 'channels: mark the selected peer; on another: pair the two', sequences: ['\x02']},
	{action: 'unpair', label: 'Ctrl-R', description: 'channels: unpair the selected peer (both stay connected)', sequences: ['\x12']},
	{
		action: 'open-endpoint',
		label: 'F2',
		description: 'open a connection (HOST:PORT) or a listener (-L ADDR)',
		sequences: ['\x1bOQ', '\x1b[12~', '\x1b[[B'],
	},
	{
		action: 'set-max-clients',
		label: 'Ctrl-Y, F12',
		description: 'on a listener row: change its -m (clients at once)',
		sequences: ['\x19', '\x1b[24~'],
	},
	// end of ui-steer
	{action: 'help', label: 'F1, Ctrl-G', description: 'this help', sequences: ['\x1bOP', '\x1b[11~', '\x1b[[A', '\x07']},
	{action: 'close-help', label: 'Esc', description: 'close this help (and the details view, the search, the focus)', sequences: ['\x1b']},
	{action: 'quit', label: 'Ctrl-C', description: 'quit (once the session ended: also q or Esc)', sequences: ['\x03']},
	// ui-read (issue 15, items 1-5): reading the log, long lists.
	{
		action: 'focus-next',
		label: 'Tab',
		description: 'focus: input -> list -> log cursor (keystroke mode: Shift-Tab)',
		sequences: ['\t'],
	},
	{
		action: 'focus-previous',
		label: 'Shift-Tab',
		description: 'the other way; PgUp/PgDn/Home/End move the focused region',
		sequences: ['\x1b[Z'],
	},
	{
		action: 'log-start',
		label: 'Home',
		description: 'oldest log entry (list focus: first row); End: newest / last row',
		sequences: ['\x1b[H', '\x1bOH', '\x1b[1~', '\x1b[7~'],
	},
	{
		action: 'search',
		label: 'F3',
		description: 'search the log (text or hex view); again: next older match',
		sequences: ['\x1bOR', '\x1b[13~', '\x1b[[C'],
	},
	{
		action: 'search-previous',
		label: 'Shift-F3',
		description: 'next newer match; Esc ends the search',
		sequences: ['\x1b[1;2R', '\x1b[25~'],
	},
	{
		action: 'toggle-wrap',
		label: 'F4',
		description: 'wrap long log lines / cut them at the edge',
		sequences: ['\x1bOS', '\x1b[14~', '\x1b[[D'],
	},
	{
		action: 'follow-peer',
		label: 'F5',
		description: 'follow the selected peer: only its traffic and notices',
		sequences: ['\x1b[15~', '\x1b[[E'],
	},
	{action: 'go-to-route', label: 'F6', description: 'select a peer by number (#N)', sequences: ['\x1b[17~']},
	// ui-send: escapes, send a file, passthrough (issue 15 items 7-9); line editing is in otherKeys.
	{
		action: 'toggle-escapes',
		label: 'F7',
		description: 'line mode: \\n \\r \\t \\\\ \\xNN sent as bytes, no line end added',
		sequences: ['\x1b[18~'],
	},
	{
		action: 'send-file',
		label: 'F8',
		description: 'send a file to the target (a prompt asks which; Esc cancels)',
		sequences: ['\x1b[19~'],
	},
	{
		action: 'toggle-passthrough',
		label: 'F9',
		description: 'passthrough: every key to the target; Ctrl-] then a key here',
		sequences: ['\x1b[20~'],
	},
];

/** Lines of the help overlay that are not bindings of their own. */
export const otherKeys: ReadonlyArray<{label: string; description: string}> = [
	{label: 'Enter', description: 'line mode: send the line (\\n, or \\r\\n with -C)'},
	{label: 'Enter (log)', description: 'log focus: details of the entry under the cursor (Esc closes)'},
	// ui-send: readline keys in line mode, and the passthrough prefix (issue 15 items 6 and 9).
	{label: 'Home/End', description: 'line mode, in a typed line: start / end (also Ctrl-A / Ctrl-E)'},
	{label: 'Ctrl-U/W', description: 'line mode: delete to the start of the line / the word before'},
	{label: 'Ctrl-P/N', description: 'line mode: previous / next line sent (history)'},
	{label: 'Ctrl-]', description: "passthrough: the next key is the UI's (Ctrl-] Ctrl-] sends it)"},
];

const actionBySequence = new Map(bindings.flatMap(binding => binding.sequences.map(sequence => [sequence, binding.action] as const)));

export function actionFor(key: Buffer): Action | undefined {
	return actionBySequence.get(key.toString('latin1'));
}

const escape = 0x1b;

function isControl(byte: number): boolean {
	return byte < 0x20 || byte === 0x7f;
}

/** Length of the escape sequence at `index` (which holds ESC). */
function escapeLength(data: Buffer, index: number): number {
	const next = data[index + 1];
	if (next === undefined || next === escape) return 1;
	if (next === 0x4f) return Math.min(3, data.length - index); // SS3: ESC O x
	if (next !== 0x5b) return 2; // Alt+key
	let end = index + 2;
	if (data[end] === 0x5b) return Math.min(4, data.length - index); // Linux console F1-F5: ESC [ [ A
	while (end < data.length && (data[end]! < 0x40 || data[end]! > 0x7e)) end++;
	return Math.min(end + 1, data.length) - index;
}

/**
 * Splits what the terminal sent into keys: one escape sequence, one control byte, or a run of text
 * (a paste stays one piece).
 */
export function splitKeys(data: Buffer): Buffer[] {
	const keys: Buffer[] = [];
	let index = 0;
	while (index < data.length) {
		const byte = data[index]!;
		let length = 1;
		if (byte === escape) length = escapeLength(data, index);
		else if (!isControl(byte)) {
			while (index + length < data.length && !isControl(data[index + length]!)) length++;
		}
		keys.push(data.subarray(index, index + length));
		index += length;
	}
	return keys;
}

/** Keystroke mode: the bytes an unbound key sends, or undefined for keys a peer has no use for. */
export function keystrokeBytes(key: Buffer, crlf: boolean): Buffer | undefined {
	// The terminal sends CR for Enter; a peer expects a line end.
	if (key.length === 1 && key[0] === 0x0d) return Buffer.from(crlf ? '\r\n' : '\n');
	// Arrows, function keys and Alt combinations only steer the local screen.
	if (key[0] === escape && key.length > 1) return undefined;
	return key;
}
