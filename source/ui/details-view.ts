// The details view: one log entry whole (all its kept bytes, up to 64 KiB), as wrapped text or a
// hex dump, scrolled by line, with search matches marked. It replaces the log region while open
// and owns its keys (the key controller sends them here). Pure apart from its own position.
import {formatBytes} from '../local/stats.js';
import {hexDumpLines, splitLines} from '../render-bytes.js';
import {entryLines, payloadSegments, trafficHeader, type DisplayLine} from './log-lines.js';
import {lineMatches, markMatches, wrapLine} from './log-rows.js';
import type {LogEntry, LogView} from './snapshot.js';

function keptNote(entry: LogEntry): DisplayLine {
	if (entry.kind !== 'traffic') return [];
	const kept = entry.preview.length;
	let text = ` kept ${formatBytes(kept)}`;
	if (entry.bytes > kept) {
		text += entry.trimmed
			? ` (the rest was let go to keep the log's memory bounded)`
			: ` (the first ${formatBytes(kept)}; ${formatBytes(entry.bytes - kept)} more not kept)`;
	}
	return [{text, style: 'dim'}];
}

/** The entry's rows at `width`: a header, then every kept byte. */
export function detailRows(entry: LogEntry, view: LogView, width: number, query: string | undefined): DisplayLine[] {
	const mark = (line: DisplayLine) => (query ? markMatches(line, query) : line);
	if (entry.kind === 'notice') return entryLines(entry, view).flatMap(line => wrapLine(mark(line), width));
	const rows = wrapLine([...trafficHeader(entry), ...keptNote(entry)], width);
	if (view === 'hex') {
		for (const line of hexDumpLines(entry.preview)) rows.push(...wrapLine(mark([{text: line, style: 'plain'}]), width));
	} else {
		for (const line of splitLines(entry.preview)) rows.push(...wrapLine(mark(payloadSegments(line)), width));
	}
	return rows;
}

export class DetailsView {
	/** Sequence number of the entry shown; undefined when closed. */
	seq: number | undefined;
	offset = 0;
	private cache:
		{entry: LogEntry; length: number; view: LogView; width: number; query: string | undefined; rows: DisplayLine[]} | undefined;

	get isOpen(): boolean {
		return this.seq !== undefined;
	}

	open(seq: number): void {
		this.seq = seq;
		this.offset = 0;
	}

	close(): void {
		this.seq = undefined;
		this.cache = undefined;
	}

	/** The rows of the entry (cached: a 64 KiB payload is laid out once, not every frame). */
	rows(entry: LogEntry, view: LogView, width: number, query: string | undefined): DisplayLine[] {
		const length = entry.kind === 'traffic' ? entry.preview.length : entry.text.length;
		const cached = this.cache;
		if (
			cached?.entry === entry &&
			cached.length === length &&
			cached.view === view &&
			cached.width === width &&
			cached.query === query
		) {
			return cached.rows;
		}
		const rows = detailRows(entry, view, width, query);
		this.cache = {entry, length, view, width, query, rows};
		return rows;
	}

	/** Moves by `delta` rows, kept within the rows there are. */
	scroll(delta: number, height: number, total: number): void {
		this.offset = Math.max(0, Math.min(Math.max(0, total - height), this.offset + delta));
	}

	/** The next row (direction 1) or previous row (-1) holding a match, moved to the top; false if none. */
	findRow(rows: readonly DisplayLine[], query: string, direction: 1 | -1, height: number): boolean {
		for (let index = this.offset + direction; index >= 0 && index < rows.length; index += direction) {
			if (lineMatches(rows[index]!, query) || rows[index]!.some(segment => segment.mark === 'match')) {
				this.offset = index;
				this.scroll(0, height, rows.length);
				return true;
			}
		}
		return false;
	}
}
