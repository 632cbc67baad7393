// Where the log view is: its bottom entry (undefined: the live tail) and, while the log has the
// focus, the entry under the cursor. Entries are addressed by their ring sequence number; with a
// filter (follow one peer) every move steps over the entries it hides. The window of rows to paint
// is computed here too, so the cursor is always kept in view. Pure apart from its own state.
import type {LogRing} from './log-ring.js';
import type {DisplayLine} from './log-lines.js';
import type {LogEntry} from './snapshot.js';

export type Keep = (entry: LogEntry) => boolean;

/** The nearest entry at or before `seq` (direction -1) or at or after it (+1) that is kept. */
export function nearestKept(ring: LogRing<LogEntry>, seq: number, direction: 1 | -1, keep: Keep): number | undefined {
	const start = direction === -1 ? Math.min(seq, ring.lastSeq) : Math.max(seq, ring.firstSeq);
	for (let at = start; at >= ring.firstSeq && at <= ring.lastSeq; at += direction) {
		if (keep(ring.get(at)!)) return at;
	}
	return undefined;
}

/** The kept entry `steps` kept entries away from `seq` (clamped at the ends). */
export function stepKept(ring: LogRing<LogEntry>, seq: number, steps: number, keep: Keep): number | undefined {
	const direction = steps < 0 ? -1 : 1;
	let at = nearestKept(ring, seq, direction === 1 ? -1 : 1, keep) ?? nearestKept(ring, seq, direction, keep);
	if (at === undefined) return undefined;
	for (let left = Math.abs(steps); left > 0; left--) {
		const next = nearestKept(ring, at + direction, direction, keep);
		if (next === undefined || next === at) break;
		at = next;
	}
	return at;
}

export interface LogWindow {
	rows: DisplayLine[];
	/** The entries with rows on screen, oldest first. */
	entries: LogEntry[];
	/** The bottom entry shown (undefined when nothing is). */
	bottom: number | undefined;
}

/**
 * The rows that fill `height` ending at entry `bottom` (kept entries only), moved so `cursor` is
 * in view: when it is above the top the window starts at it.
 */
export function logWindow(
	ring: LogRing<LogEntry>,
	bottom: number | undefined,
	cursor: number | undefined,
	height: number,
	keep: Keep,
	rowsOf: (entry: LogEntry, seq: number) => DisplayLine[],
): LogWindow {
	let end = nearestKept(ring, bottom ?? ring.lastSeq, -1, keep);
	if (cursor !== undefined && (end === undefined || cursor > end)) end = cursor;
	if (end === undefined) return {rows: [], entries: [], bottom: undefined};
	let window = collectUp(ring, end, height, keep, rowsOf);
	if (cursor !== undefined && (cursor < window.top || (cursor === window.top && window.cut))) {
		// The cursor went above the top: the window starts at the cursor instead.
		let last = cursor;
		let used = rowsOf(ring.get(cursor)!, cursor).length;
		for (let next = nearestKept(ring, cursor + 1, 1, keep); next !== undefined; next = nearestKept(ring, next + 1, 1, keep)) {
			used += rowsOf(ring.get(next)!, next).length;
			if (used > height) break;
			last = next;
		}
		end = last;
		window = collectUp(ring, end, height, keep, rowsOf);
		if (window.cut && window.top === cursor) window = collectDown(ring, cursor, end, height, rowsOf);
	}
	return {rows: window.rows, entries: window.entries, bottom: end};
}

interface Collected {
	rows: DisplayLine[];
	entries: LogEntry[];
	top: number;
	/** The top entry's first rows did not fit. */
	cut: boolean;
}

function collectUp(
	ring: LogRing<LogEntry>,
	end: number,
	height: number,
	keep: Keep,
	rowsOf: (entry: LogEntry, seq: number) => DisplayLine[],
): Collected {
	const rows: DisplayLine[] = [];
	const entries: LogEntry[] = [];
	let top = end;
	let cut = false;
	for (let seq: number | undefined = end; seq !== undefined && rows.length < height; seq = nearestKept(ring, seq - 1, -1, keep)) {
		const entry = ring.get(seq)!;
		const entryRows = rowsOf(entry, seq);
		cut = entryRows.length > height - rows.length;
		rows.unshift(...entryRows.slice(Math.max(0, entryRows.length - (height - rows.length))));
		entries.unshift(entry);
		top = seq;
	}
	return {rows, entries, top, cut};
}

/** An entry taller than the window, under the cursor: its first rows. */
function collectDown(
	ring: LogRing<LogEntry>,
	cursor: number,
	_end: number,
	height: number,
	rowsOf: (entry: LogEntry, seq: number) => DisplayLine[],
): Collected {
	const entry = ring.get(cursor)!;
	return {rows: rowsOf(entry, cursor).slice(0, height), entries: [entry], top: cursor, cut: false};
}
