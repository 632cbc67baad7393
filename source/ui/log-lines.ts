// Log entries -> display lines (styled segments), for the text and hex views. Pure: the traffic
// log component only slices and paints these.
import type {RouteId} from '../router/route.js';
import {formatBytes} from '../local/stats.js';
import {formatTime, routeName} from './format.js';
import {hexDumpLines, safeTextSegments, splitLines} from '../render-bytes.js';
import {previewLimit} from './log-payloads.js';
import type {LogEntry, LogView, NoticeLevel, TrafficEntry} from './snapshot.js';

export type SegmentStyle = 'time' | 'received' | 'sent' | 'forwarded' | 'escaped' | 'plain' | 'dim' | NoticeLevel;

/** Painted over the style: a search match, or the entry under the log cursor. */
export type SegmentMark = 'match' | 'cursor';

export interface Segment {
	text: string;
	style: SegmentStyle;
	mark?: SegmentMark;
}

export type DisplayLine = Segment[];

function routeList(ids: readonly RouteId[]): string {
	if (ids.length <= 3) return ids.map(routeName).join(' ');
	return `${ids.slice(0, 3).map(routeName).join(' ')} +${ids.length - 3}`;
}

/** Who sent and who got it: "sent -> #2", "#1 received", "#1 -> #2 #3" (forwarded). */
export function directionLabel(entry: TrafficEntry): Segment {
	if (entry.source === 0) {
		return {text: `sent -> ${entry.destinations.length === 0 ? 'nobody' : routeList(entry.destinations)}`, style: 'sent'};
	}
	const peers = entry.destinations.filter(id => id !== 0);
	if (peers.length === 0) return {text: `${routeName(entry.source)} received`, style: 'received'};
	return {text: `${routeName(entry.source)} -> ${routeList(peers)}`, style: 'forwarded'};
}

export function trafficHeader(entry: TrafficEntry): Segment[] {
	return [
		{text: `${formatTime(entry.time)} `, style: 'time'},
		directionLabel(entry),
		{text: ` ${formatBytes(entry.bytes)} `, style: 'dim'},
	];
}

/** What the log line shows of a payload (the details view shows all that is kept). */
function shown(entry: TrafficEntry): Buffer {
	return entry.preview.subarray(0, previewLimit);
}

export function truncationNote(entry: TrafficEntry): Segment[] {
	const hidden = entry.bytes - shown(entry).length;
	return hidden > 0 ? [{text: ` ... ${formatBytes(hidden)} more`, style: 'dim'}] : [];
}

/**
 * A payload as segments. A backslash the peer sent is shown doubled, so every single backslash on
 * screen starts an escape the UI made, even without colours (NO_COLOR). A tab is the mark `\t` in
 * the text itself: unambiguous for the same reason, and it does not split the line into styled
 * pieces (which made a line of tabs and UTF-8 look binary and get escaped whole).
 */
export function payloadSegments(data: Uint8Array): Segment[] {
	const segments: Segment[] = [];
	for (const segment of safeTextSegments(data)) {
		if (!segment.escaped) {
			segments.push({text: segment.text.replaceAll('\\', '\\\\'), style: 'plain'});
			continue;
		}
		for (const part of segment.text.split(/(\\x09)/)) {
			if (part === '\\x09') segments.push({text: '\\t', style: 'plain'});
			else if (part !== '') segments.push({text: part, style: 'escaped'});
		}
	}
	return segments;
}

function trafficLines(entry: TrafficEntry, view: LogView): DisplayLine[] {
	if (view === 'hex') {
		return [
			[...trafficHeader(entry), ...truncationNote(entry)],
			...hexDumpLines(shown(entry)).map(line => [{text: `  ${line}`, style: 'plain' as const}]),
		];
	}
	const [first, ...rest] = splitLines(shown(entry));
	const lines: DisplayLine[] = [[...trafficHeader(entry), ...payloadSegments(first!)]];
	for (const line of rest) lines.push([{text: '  ', style: 'plain'}, ...payloadSegments(line)]);
	lines.at(-1)!.push(...truncationNote(entry));
	return lines;
}

export function entryLines(entry: LogEntry, view: LogView): DisplayLine[] {
	if (entry.kind === 'traffic') return trafficLines(entry, view);
	// Notices can quote what a peer or resolver said: shown as safely as payloads.
	const text = safeTextSegments(Buffer.from(entry.text))
		.map(segment => segment.text)
		.join('');
	return [
		[
			{text: `${formatTime(entry.time)} `, style: 'time'},
			{text: `* ${text}`, style: entry.level},
		],
	];
}

/**
 * The start of a line that fills `width` columns at most. A preview can be 1 KiB of binary, four
 * times as long escaped: Ink measures every character of a line before truncating it, so lines
 * are cut here first (a character is at least one column, so nothing visible is lost).
 */
export function clipLine(line: DisplayLine, width: number): DisplayLine {
	const clipped: DisplayLine = [];
	let remaining = width;
	for (const segment of line) {
		if (remaining <= 0) break;
		let {text} = segment;
		if (text.length > remaining) {
			// By code point, so a character outside the BMP is never cut in half.
			text = Array.from(text.slice(0, remaining * 2))
				.slice(0, remaining)
				.join('');
		}
		clipped.push(text === segment.text ? segment : {...segment, text});
		remaining -= text.length;
	}
	return clipped;
}

/** More style changes than this in one line and its payload is painted as binary (see compactLine). */
export const maxSegmentsPerLine = 8;

const payloadStyles: ReadonlySet<SegmentStyle> = new Set(['plain', 'escaped']);

/**
 * A line with as few segments as its look allows: neighbours of one style are joined, and a line
 * that still switches style more than `maxSegments` times (binary: plain text and \xNN escapes in
 * turn) gets its payload as one dim segment, with its non-ASCII characters escaped too. Ink's cost
 * per frame grows with the styled pieces of a line and with every character it must measure
 * beyond ASCII; a flood of binary would otherwise stall each frame (and the keys typed meanwhile).
 * Nothing unescaped is added: escapes stay escapes.
 */
export function compactLine(line: DisplayLine, maxSegments = maxSegmentsPerLine): DisplayLine {
	const merged = joinNeighbours(line);
	if (merged.length <= maxSegments) return merged;
	return joinNeighbours(
		merged.map(segment =>
			payloadStyles.has(segment.style) ? {...segment, text: escapeNonAscii(segment.text), style: 'escaped'} : segment,
		),
	);
}

/** A line as painted: clipped to `width` columns, then compacted (and clipped again, as escaping lengthens it). */
export function displayLine(line: DisplayLine, width: number): DisplayLine {
	return clipLine(compactLine(clipLine(line, width)), width);
}

function escapeNonAscii(text: string): string {
	return text.replace(/[^\x20-\x7e]/gu, character =>
		[...Buffer.from(character)].map(byte => `\\x${byte.toString(16).padStart(2, '0')}`).join(''),
	);
}

function joinNeighbours(line: DisplayLine): DisplayLine {
	const joined: DisplayLine = [];
	for (const segment of line) {
		const last = joined.at(-1);
		if (last?.style === segment.style && last.mark === segment.mark)
			joined[joined.length - 1] = {...last, text: last.text + segment.text};
		else joined.push(segment);
	}
	return joined;
}
