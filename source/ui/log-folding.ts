// How traffic events fold into log entries (coalescing) and how the scrolled-back view moves. Pure.
import type {TrafficEvent} from '../router/router.js';
import type {LogEntry, TrafficEntry} from './snapshot.js';

/** Bytes of each payload kept for display. */
export const previewLimit = 1024;

/** Whether a chunk may be merged into the previous (still unpublished) traffic entry. */
export function canCoalesce(last: LogEntry | undefined, event: TrafficEvent): last is TrafficEntry {
	return (
		last?.kind === 'traffic' &&
		last.source === event.routeId &&
		last.destinations.length === event.destinations.length &&
		last.destinations.every((id, index) => id === event.destinations[index])
	);
}

export function coalesce(entry: TrafficEntry, data: Buffer): void {
	entry.bytes += data.length;
	entry.chunks++;
	if (entry.preview.length < previewLimit) {
		entry.preview = Buffer.concat([entry.preview, data.subarray(0, previewLimit - entry.preview.length)]);
	}
}

/** Bottom entry of the scrolled-back view after paging; undefined means the live tail. */
export function scrollAnchor(
	anchor: number | undefined,
	pages: number,
	page: number,
	firstSeq: number,
	lastSeq: number,
): number | undefined {
	if (lastSeq < firstSeq) return undefined;
	const moved = (anchor ?? lastSeq) + pages * page;
	if (moved >= lastSeq) return undefined;
	return Math.max(Math.min(lastSeq, firstSeq + page), moved);
}
