// The help overlay: every binding from the keymap, shown in place of the traffic log. On a small
// screen it scrolls (PgUp/PgDn) and its title says which lines are shown.
import {Box, Text} from 'ink';
import {helpLines} from './help-lines.js';
import type {Snapshot} from './snapshot.js';

export function Help({snapshot}: {snapshot: Snapshot}) {
	const all = helpLines();
	const height = snapshot.layout.logHeight;
	const offset = Math.max(0, Math.min(snapshot.helpOffset, all.length - height));
	const lines = all.slice(offset, offset + height);
	const more = all.length > height ? `lines ${offset + 1}-${offset + lines.length} of ${all.length}, PgUp/PgDn -- ` : '';
	return (
		<Box flexDirection="column" height={height + 1} width={snapshot.columns}>
			<Text bold wrap="truncate-end">
				{`-- Keys -- ${more}Esc closes `.padEnd(snapshot.columns, '-')}
			</Text>
			{lines.map(line => (
				<Text key={line} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}
