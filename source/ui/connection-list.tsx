// The connection list: "All peers", listeners, routes and targets still connecting. Only the rows
// that fit are rendered, with the selected one kept in view, so a thousand peers cost no more.
import {Box, Text} from 'ink';
import {rowText} from './row-text.js';
import type {Snapshot} from './snapshot.js';

export function ConnectionList({snapshot}: {snapshot: Snapshot}) {
	const {connections, selectedIndex, listOffset, layout, columns, stats} = snapshot;
	const visible = connections.slice(listOffset, listOffset + layout.listHeight);
	return (
		<Box flexDirection="column" height={layout.listHeight} width={columns}>
			{visible.map((row, index) => {
				const selected = listOffset + index === selectedIndex;
				return (
					<Text
						key={row.key}
						wrap="truncate-end"
						inverse={selected}
						dimColor={row.state === 'closed'}
						color={row.kind === 'listener' || row.kind === 'target' ? 'gray' : undefined}
					>
						{`${selected ? '>' : ' '} ${rowText(row, stats.peers, columns - 2)}`}
					</Text>
				);
			})}
		</Box>
	);
}
