// Search the log: the text asked for (shown marked in the log and the details view), and the walk
// from an entry to the next one whose shown text holds it, older or newer, in the view shown (text
// or hex dump), over the entries the log shows (follow one peer hides the rest).
import {nearestKept, type Keep} from './log-cursor.js';
import type {LogRing} from './log-ring.js';
import {entryMatches} from './log-rows.js';
import type {LogEntry, LogView} from './snapshot.js';

export type Direction = 'older' | 'newer';

export class LogSearch {
	query: string | undefined;
	/** Why the last F3 / Shift-F3 found nothing, shown in the log title until the next move. */
	note: string | undefined;

	set(query: string): void {
		this.query = query === '' ? undefined : query;
		this.note = undefined;
	}

	clear(): void {
		this.query = undefined;
		this.note = undefined;
	}

	/** The next entry after `from` (not `from` itself) that matches, or undefined (with a note). */
	find(ring: LogRing<LogEntry>, from: number, direction: Direction, view: LogView, keep: Keep): number | undefined {
		const query = this.query;
		if (query === undefined) return undefined;
		const step = direction === 'older' ? -1 : 1;
		for (let seq = nearestKept(ring, from + step, step, keep); seq !== undefined; seq = nearestKept(ring, seq + step, step, keep)) {
			if (entryMatches(ring.get(seq)!, view, query)) {
				this.note = undefined;
				return seq;
			}
		}
		this.note = `no ${direction} match`;
		return undefined;
	}
}
