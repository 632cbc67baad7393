// One line of the connection list that fits its width: whole fields are dropped or shortened in a
// fixed order (local address, protocol, byte counts, rates) so that the peer, its state and its
// channel partner stay readable at 80 columns. Pure.
import {formatBytes} from '../local/stats.js';
import {formatRate} from './format.js';
import type {ConnectionRow} from './snapshot.js';

function stateText(row: ConnectionRow): string {
	const state = row.state === 'closed' && row.closeReason ? `closed: ${row.closeReason}` : row.state;
	return row.detail ? `${state} (${row.detail})` : state;
}

/** The fields of a route row, each with the ways it can shrink (widest first, '' = dropped). */
function routeFields(row: ConnectionRow): string[][] {
	const arrow = row.origin === 'inbound' ? '<-' : '->';
	const counts = [
		`in ${formatBytes(row.bytesIn)} out ${formatBytes(row.bytesOut)}`,
		`${formatBytes(row.bytesIn)}/${formatBytes(row.bytesOut)}`,
		'',
	];
	const rates = row.rates ? [`rx ${formatRate(row.rates.rx)} tx ${formatRate(row.rates.tx)}`, ''] : [''];
	return [
		[`#${row.id}${row.marked ? ' (marked)' : ''}`],
		[row.protocol, ''],
		[row.local, ''],
		[`${arrow} ${row.peer}`],
		[stateText(row)],
		counts,
		rates,
		row.partner ? [row.partner] : [''],
	];
}

/** Which field shrinks next: local address, protocol, counts, rates, counts again. */
const shrinkOrder = [2, 1, 6, 5, 5];

function join(fields: string[][], choice: number[]): string {
	return fields
		.map((options, index) => options[choice[index]!]!)
		.filter(text => text !== '')
		.join(' ');
}

export function routeRowText(row: ConnectionRow, width: number): string {
	const fields = routeFields(row);
	const choice = fields.map(() => 0);
	let text = join(fields, choice);
	for (const index of shrinkOrder) {
		if (text.length <= width) break;
		if (choice[index]! < fields[index]!.length - 1) choice[index]!++;
		text = join(fields, choice);
	}
	return text;
}

export function rowText(row: ConnectionRow, peers: number, width: number): string {
	const counts = `in ${formatBytes(row.bytesIn)} out ${formatBytes(row.bytesOut)}`;
	switch (row.kind) {
		case 'all':
			return `All peers (${peers})  ${counts}`;
		case 'listener': {
			const clients = row.clients
				? `  clients ${row.clients.now}/${row.clients.max}${row.clients.refused > 0 ? `, ${row.clients.refused} refused (-m)` : ''}`
				: '';
			return `   ${row.protocol} ${row.local} listening${clients}${row.denied ? `  denied ${row.denied}` : ''}`;
		}
		case 'target':
			return `   ${row.protocol} -> ${row.peer} ${row.state}`;
		case 'route':
			return routeRowText(row, width);
	}
}
