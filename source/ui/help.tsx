// The help overlay: every binding from the keymap, shown in place of the traffic log.
import {Box, Text} from 'ink';
import {bindings, otherKeys} from './keymap.js';
import type {Snapshot} from './store.js';

export function Help({snapshot}: {snapshot: Snapshot}) {
	const rows = [...bindings.slice(0, 2), ...otherKeys, ...bindings.slice(2)];
	const height = snapshot.layout.logHeight + 1;
	const lines = rows.map(row => `  ${row.label.padEnd(12)} ${row.description}`).slice(0, height - 1);
	return (
		<Box flexDirection="column" height={height} width={snapshot.columns}>
			<Text bold wrap="truncate-end">
				{'-- Keys (Esc closes this help) '.padEnd(snapshot.columns, '-')}
			</Text>
			{lines.map(line => (
				<Text key={line} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}
