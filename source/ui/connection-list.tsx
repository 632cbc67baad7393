// The connection list: "All peers", listeners, routes and targets still connecting. Only the rows
// that fit are rendered, with the selected one kept in view, so a thousand peers cost no more.
import {Box, Text} from 'ink';
import {formatBytes} from '../local/stats.js';
import type {ConnectionRow, Snapshot} from './store.js';

function describe(row: ConnectionRow, peers: number): string {
	const counts = `in ${formatBytes(row.bytesIn)} out ${formatBytes(row.bytesOut)}`;
	switch (row.kind) {
		case 'all':
			return `All peers (${peers})  ${counts}`;
		case 'listener':
			return `   ${row.protocol} ${row.local} listening`;
		case 'target':
			return `   ${row.protocol} -> ${row.peer} ${row.state}`;
		case 'route': {
			const arrow = row.origin === 'inbound' ? '<-' : '->';
			const partner = row.partner !== undefined ? `  channel #${row.partner}` : '';
			const detail = row.detail ? ` (${row.detail})` : '';
			return `#${row.id} ${row.protocol} ${row.local} ${arrow} ${row.peer} ${row.state}${detail}  ${counts}${partner}`;
		}
	}
}

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
						{`${selected ? '>' : ' '} ${describe(row, stats.peers)}`}
					</Text>
				);
			})}
		</Box>
	);
}
