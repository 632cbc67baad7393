// The traffic log region: a title line, then exactly the rows that fit (never taller, so the frame
// stays below the terminal height). The rows come ready from the store (ui/log-reader.ts): wrapped
// or cut, search matches and the cursor marked. The details view of one entry takes its place.
import {Box, Text} from 'ink';
import type {DisplayLine, SegmentMark, SegmentStyle} from './log-lines.js';
import type {Snapshot} from './snapshot.js';

type Look = {color?: string; backgroundColor?: string; dimColor?: boolean; bold?: boolean; inverse?: boolean};

const styles: Record<SegmentStyle, Look> = {
	time: {dimColor: true},
	received: {color: 'cyan'},
	sent: {color: 'green'},
	forwarded: {color: 'magenta'},
	escaped: {dimColor: true},
	plain: {},
	dim: {dimColor: true},
	info: {color: 'blue'},
	warning: {color: 'yellow'},
	error: {color: 'red', bold: true},
	connection: {color: 'green'},
	mode: {color: 'magenta', bold: true},
};

const marks: Record<SegmentMark, Look> = {
	match: {backgroundColor: 'yellow', color: 'black', dimColor: false},
	cursor: {inverse: true, dimColor: false},
};

export function Rows({rows}: {rows: readonly DisplayLine[]}) {
	return (
		<>
			{rows.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line.map((segment, part) => (
						<Text key={part} {...styles[segment.style]} {...(segment.mark ? marks[segment.mark] : {})}>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
		</>
	);
}

export function TrafficLog({snapshot}: {snapshot: Snapshot}) {
	const {layout, columns, reader} = snapshot;
	const details = reader.details;
	return (
		<Box flexDirection="column" height={layout.logHeight + 1} width={columns}>
			<LogTitle snapshot={snapshot} />
			<Rows rows={details ? details.rows : reader.rows} />
			{!details && snapshot.newerHidden === 0 && reader.rows.length === 0 ? (
				<Text dimColor>{reader.follow !== undefined ? 'Nothing from this peer yet...' : 'Waiting for traffic...'}</Text>
			) : null}
		</Box>
	);
}

/** The title says what the log shows and where the reader is (its scroll indicator sits here). */
export function logTitle(snapshot: Snapshot): string {
	const full = titleParts(snapshot, false);
	const text = full.length + 4 <= snapshot.columns ? full : titleParts(snapshot, true);
	return `-- ${text} `.padEnd(snapshot.columns, '-');
}

/** The title's parts; `short` drops the key hints so the state fits at 80 columns. */
function titleParts(snapshot: Snapshot, short: boolean): string {
	const {view, newerHidden, reader, layout} = snapshot;
	const details = reader.details;
	const parts: string[] = [];
	if (details) {
		parts.push(short ? `Entry (${view})` : `Entry (${view}, Ctrl-X)`);
		if (details.total > layout.logHeight)
			parts.push(`lines ${details.offset + 1}-${Math.min(details.total, details.offset + layout.logHeight)} of ${details.total}`);
		parts.push('Esc closes');
	} else {
		parts.push(short ? `Traffic (${view})` : `Traffic (${view}, Ctrl-X)`);
		if (reader.focus === 'log') parts.push(short ? 'cursor' : 'cursor, Enter: details');
		if (reader.focus === 'list') parts.push('focus: list');
		if (reader.wrap) parts.push('wrap');
		if (reader.follow !== undefined) parts.push(reader.follow === 'all' ? 'follow: pick a peer' : `follow #${reader.follow}`);
		if (newerHidden > 0) parts.push(short ? `back: ${newerHidden} newer` : `scrolled back: ${newerHidden} newer, End for live`);
	}
	if (reader.search) parts.push(`"${reader.search.query}"${reader.search.note ? `: ${reader.search.note}` : ''}`);
	return parts.join(' -- ');
}

function LogTitle({snapshot}: {snapshot: Snapshot}) {
	const scrolled = snapshot.newerHidden > 0 && !snapshot.reader.details;
	return (
		<Text wrap="truncate-end" bold={scrolled} color={scrolled ? 'yellow' : undefined}>
			{logTitle(snapshot)}
		</Text>
	);
}
