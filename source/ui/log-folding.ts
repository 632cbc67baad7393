// How traffic events fold into log entries (coalescing) and how the scrolled-back view moves. Pure.
import type {TrafficEvent} from '../router/router.js';
import type {PayloadKeeper} from './log-payloads.js';
import type {LogEntry, TrafficEntry} from './snapshot.js';

export {previewLimit} from './log-payloads.js';

/** Whether a chunk may be merged into the previous (still unpublished) traffic entry. */
export function canCoalesce(last: LogEntry | undefined, event: TrafficEvent): last is TrafficEntry {
	return (
		last?.kind === 'traffic' &&
		last.source === event.routeId &&
		last.destinations.length === event.destinations.length &&
		last.destinations.every((id, index) => id === event.destinations[index])
	);
}

/** A new log entry for a chunk, its bytes kept by the keeper. */
export function trafficEntry(event: TrafficEvent, time: number, keeper: PayloadKeeper): TrafficEntry {
	const {routeId: source, destinations, data} = event;
	const entry: TrafficEntry = {kind: 'traffic', time, source, destinations, bytes: data.length, chunks: 1, preview: keeper.first(data)};
	keeper.added(entry);
	return entry;
}

/** Merges a chunk into the newest entry; the keeper keeps its bytes up to the per-entry cap. */
export function coalesce(entry: TrafficEntry, data: Buffer, keeper: PayloadKeeper): void {
	entry.bytes += data.length;
	entry.chunks++;
	keeper.append(entry, data);
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
