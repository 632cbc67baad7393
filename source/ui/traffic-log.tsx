// The traffic log region: a title line, then exactly the lines that fit (never taller, so the frame
// stays below the terminal height).
import {Box, Text} from 'ink';
import {displayLine, visibleLines, type SegmentStyle} from './log-lines.js';
import type {Snapshot} from './snapshot.js';

const styles: Record<SegmentStyle, {color?: string; dimColor?: boolean; bold?: boolean}> = {
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

export function TrafficLog({snapshot}: {snapshot: Snapshot}) {
	const {layout, view, newerHidden, columns} = snapshot;
	const lines = visibleLines(snapshot.log, view, layout.logHeight).map(line => displayLine(line, columns));
	return (
		<Box flexDirection="column" height={layout.logHeight + 1} width={columns}>
			<LogTitle snapshot={snapshot} />
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line.map((segment, part) => (
						<Text key={part} {...styles[segment.style]}>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
			{newerHidden === 0 && lines.length === 0 ? <Text dimColor>Waiting for traffic...</Text> : null}
		</Box>
	);
}

function LogTitle({snapshot}: {snapshot: Snapshot}) {
	const {view, newerHidden, connections, listOffset, layout} = snapshot;
	const parts = [`Traffic (${view === 'text' ? 'text' : 'hex'}, Ctrl-X)`];
	if (newerHidden > 0) parts.push(`scrolled back: ${newerHidden} newer, End for live`);
	if (connections.length > layout.listHeight) {
		parts.push(`rows ${listOffset + 1}-${listOffset + layout.listHeight} of ${connections.length}`);
	}
	return (
		<Text wrap="truncate-end" bold={newerHidden > 0} color={newerHidden > 0 ? 'yellow' : undefined}>
			{`-- ${parts.join(' -- ')} `.padEnd(snapshot.columns, '-')}
		</Text>
	);
}
