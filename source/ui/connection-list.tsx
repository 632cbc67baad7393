// The connection list: "All peers", listeners, routes and targets still connecting. Only the rows
// that fit are rendered, "All peers" always on top and the selected row kept in view, so a thousand
// peers cost no more; the list says which rows it shows on its first row.
import {Box, Text} from 'ink';
import {listIndicator, shownRows} from './list-window.js';
import {rowText} from './row-text.js';
import type {Snapshot} from './snapshot.js';

export function ConnectionList({snapshot}: {snapshot: Snapshot}) {
	const {connections, selectedIndex, listOffset, layout, columns, stats} = snapshot;
	const indicator = listIndicator(listOffset, layout.listHeight, connections.length);
	return (
		<Box flexDirection="column" height={layout.listHeight} width={columns}>
			{shownRows(listOffset, layout.listHeight, connections.length).map(index => {
				const row = connections[index]!;
				const selected = index === selectedIndex;
				let text = `${selected ? '>' : ' '} ${rowText(row, stats.peers, columns - 2)}`;
				if (row.kind === 'all' && indicator) {
					const room = Math.max(0, columns - indicator.length - 1);
					text = `${text.slice(0, room).padEnd(room)} ${indicator}`;
				}
				return (
					<Text
						key={row.key}
						wrap="truncate-end"
						inverse={selected}
						dimColor={row.state === 'closed'}
						color={row.kind === 'listener' || row.kind === 'target' ? 'gray' : undefined}
					>
						{text}
					</Text>
				);
			})}
		</Box>
	);
}
