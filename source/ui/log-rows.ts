// Display lines -> screen rows: wrapped (notices always, traffic with the wrap toggle) or clipped
// with the `... N more` note kept in view, search matches and the log cursor marked. Pure.
import {compactLine, displayLine, entryLines, type DisplayLine, type Segment} from './log-lines.js';
import type {LogEntry, LogView} from './snapshot.js';

export interface RowOptions {
	view: LogView;
	/** Columns of a row. */
	width: number;
	/** Wrap long traffic lines onto more rows (notices always wrap). */
	wrap: boolean;
	/** Search text to mark (case-insensitive). */
	query?: string | undefined;
	/** This entry is under the log cursor. */
	cursor?: boolean;
}

/** Rows after the first of a wrapped line start with this, so a wrapped line reads as one. */
const continuation = '  ';

/**
 * Cuts a line into rows of `width` columns (by code point, so no character is split). With `words`
 * a row ends after the last space that leaves it at least half full (notices read as sentences);
 * without, every row is full (payload bytes keep their exact places).
 */
export function wrapLine(line: DisplayLine, width: number, words = false): DisplayLine[] {
	const room = Math.max(1, width);
	const chars = line.flatMap(segment => Array.from(segment.text));
	// Row lengths first, then the segments are cut at those places.
	const lengths: number[] = [];
	for (let start = 0; start < chars.length || lengths.length === 0;) {
		const fits = lengths.length === 0 ? room : Math.max(1, room - continuation.length);
		let length = Math.min(fits, chars.length - start);
		if (words && start + length < chars.length) {
			const space = chars.lastIndexOf(' ', start + length - 1) - start;
			if (space >= fits / 2) length = space + 1;
		}
		lengths.push(length);
		start += length;
		if (length === 0) break;
	}
	const rows: DisplayLine[] = [];
	let segmentIndex = 0;
	let pending = Array.from(line[0]?.text ?? '');
	for (const [index, length] of lengths.entries()) {
		const row: DisplayLine = index === 0 ? [] : [{text: continuation, style: 'plain'}];
		let left = length;
		while (left > 0 && segmentIndex < line.length) {
			if (pending.length === 0) {
				pending = Array.from(line[++segmentIndex]?.text ?? '');
				continue;
			}
			const take = pending.slice(0, left);
			row.push({...line[segmentIndex]!, text: take.join('')});
			pending = pending.slice(take.length);
			left -= take.length;
		}
		// The space a row breaks at is not shown: it would trail the row.
		const last = row.at(-1);
		if (words && index < lengths.length - 1 && last?.text.endsWith(' ')) row[row.length - 1] = {...last, text: last.text.slice(0, -1)};
		rows.push(row);
	}
	return rows;
}

function isNote(segment: Segment | undefined): boolean {
	return segment?.style === 'dim' && segment.text.startsWith(' ... ');
}

/** One row of at most `width` columns; a `... N more` note at the end stays whole, the payload gives way. */
export function clipKeepingNote(line: DisplayLine, width: number): DisplayLine {
	const note = line.at(-1);
	const length = line.reduce((sum, segment) => sum + segment.text.length, 0);
	if (length <= width || !isNote(note) || note!.text.length >= width) return displayLine(line, width);
	return [...displayLine(line.slice(0, -1), width - note!.text.length), note!];
}

/** Splits segments so every case-insensitive occurrence of `query` is its own `match` segment. */
export function markMatches(line: DisplayLine, query: string): DisplayLine {
	if (query === '') return line;
	const text = line.map(segment => segment.text).join('');
	const lower = text.toLowerCase();
	const needle = query.toLowerCase();
	// Positions in the joined text that are inside a match (lower-casing keeps lengths for the text we show).
	const ranges: Array<[number, number]> = [];
	for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
	if (ranges.length === 0 || lower.length !== text.length) return line;
	const marked: DisplayLine = [];
	let offset = 0;
	let range = 0;
	for (const segment of line) {
		let start = 0;
		const end = segment.text.length;
		while (start < end) {
			const position = offset + start;
			while (range < ranges.length && ranges[range]![1] <= position) range++;
			const current = ranges[range];
			if (current && current[0] <= position) {
				const stop = Math.min(end, current[1] - offset);
				marked.push({...segment, text: segment.text.slice(start, stop), mark: 'match'});
				start = stop;
			} else {
				const stop = Math.min(end, current ? current[0] - offset : end);
				marked.push({...segment, text: segment.text.slice(start, stop)});
				start = stop;
			}
		}
		offset += end;
	}
	return marked;
}

/** Whether the text a line shows contains `query` (case-insensitive). */
export function lineMatches(line: DisplayLine, query: string): boolean {
	return (
		query !== '' &&
		line
			.map(segment => segment.text)
			.join('')
			.toLowerCase()
			.includes(query.toLowerCase())
	);
}

export function entryMatches(entry: LogEntry, view: LogView, query: string): boolean {
	return entryLines(entry, view).some(line => lineMatches(line, query));
}

/** The rows one log entry takes on screen. */
export function entryRows(entry: LogEntry, options: RowOptions): DisplayLine[] {
	const rows: DisplayLine[] = [];
	for (const source of entryLines(entry, options.view)) {
		const line = options.query ? markMatches(source, options.query) : source;
		if (entry.kind === 'notice' || options.wrap) rows.push(...wrapLine(compactLine(line), options.width, entry.kind === 'notice'));
		else rows.push(clipKeepingNote(line, options.width));
	}
	// The cursor is drawn inverse, and its time ends in `>` so it shows without colours (NO_COLOR) too.
	const first = rows[0]?.[0];
	if (options.cursor && first) rows[0]![0] = {...first, text: first.text.replace(/ $/, '>'), mark: 'cursor'};
	return rows;
}
