// The line-mode editor as a pure reducer, with readline's keys. Keys are applied the moment they
// arrive, so a paste or fast typing cannot be lost between renders (ink-text-input 6 loses them:
// test/ui/ink-text-input-keys.test.tsx, and readme.md's design note).

export interface LineState {
	value: string;
	/** Cursor position in code points. */
	cursor: number;
}

export const emptyLine: LineState = {value: '', cursor: 0};

// Typed text is shown on our own screen: nothing that steers the terminal may get into it.
const unsafeText = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const moves: Record<string, (state: LineState, length: number) => number> = {
	'\x1b[D': state => state.cursor - 1,
	'\x1bOD': state => state.cursor - 1,
	'\x1b[C': state => state.cursor + 1,
	'\x1bOC': state => state.cursor + 1,
	'\x1b[H': () => 0,
	'\x1bOH': () => 0,
	'\x1b[1~': () => 0,
	'\x1b[7~': () => 0,
	'\x1b[F': (_state, length) => length,
	'\x1bOF': (_state, length) => length,
	'\x1b[4~': (_state, length) => length,
	'\x1b[8~': (_state, length) => length,
	'\x01': () => 0, // Ctrl-A
	'\x05': (_state, length) => length, // Ctrl-E
};

/** Home and End as terminals send them: they edit a non-empty line, and are the log's keys otherwise. */
export const homeEndKeys: ReadonlySet<string> = new Set([
	'\x1b[H',
	'\x1bOH',
	'\x1b[1~',
	'\x1b[7~',
	'\x1b[F',
	'\x1bOF',
	'\x1b[4~',
	'\x1b[8~',
]);

/** Where Ctrl-W's word starts: back over spaces, then over the word (readline's unix-word-rubout). */
function wordStart(chars: readonly string[], cursor: number): number {
	let start = cursor;
	while (start > 0 && /\s/.test(chars[start - 1]!)) start--;
	while (start > 0 && !/\s/.test(chars[start - 1]!)) start--;
	return start;
}

export function editLine(state: LineState, key: Buffer): LineState {
	const text = key.toString('utf8');
	const chars = [...state.value];
	const move = moves[text];
	if (move) return {value: state.value, cursor: Math.max(0, Math.min(chars.length, move(state, chars.length)))};
	if (text === '\x7f' || text === '\x08') {
		if (state.cursor === 0) return state;
		chars.splice(state.cursor - 1, 1);
		return {value: chars.join(''), cursor: state.cursor - 1};
	}
	if (text === '\x1b[3~') {
		chars.splice(state.cursor, 1);
		return {value: chars.join(''), cursor: state.cursor};
	}
	if (text === '\x15' || text === '\x17') {
		// Ctrl-U deletes to the start of the line, Ctrl-W the word before the cursor.
		const start = text === '\x15' ? 0 : wordStart(chars, state.cursor);
		chars.splice(start, state.cursor - start);
		return {value: chars.join(''), cursor: start};
	}
	if (text.startsWith('\x1b')) return state;
	const inserted = [...text.replace(unsafeText, '')];
	if (inserted.length === 0) return state;
	chars.splice(state.cursor, 0, ...inserted);
	return {value: chars.join(''), cursor: state.cursor + inserted.length};
}

/** The part of the line that fits in `width` columns with the cursor in view, and where it is. */
export function visibleLine(state: LineState, width: number): {text: string; cursor: number} {
	const chars = [...state.value];
	const room = Math.max(1, width - 1);
	const start = Math.max(0, state.cursor - room + 1);
	return {text: chars.slice(start, start + room).join(''), cursor: state.cursor - start};
}
