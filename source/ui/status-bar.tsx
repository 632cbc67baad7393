// The one-line status bar: protocol, forwarding mode, input mode, target, peers, rates (and totals
// with --stats); once the run ended, why. Fields that do not fit are dropped whole from the right,
// never cut mid-value, and the short key hint always stays at the right.
import {Text} from 'ink';
import {formatBytes} from '../local/stats.js';
import {formatRate, targetName} from './format.js';
import type {Snapshot} from './snapshot.js';

export function statusHint(snapshot: Snapshot): string {
	return snapshot.ended ? ' q quit  F1 help ' : ' F1 help  ^C quit ';
}

function fields(snapshot: Snapshot): string[] {
	const {protocol, forwarding, inputMode, target, stats, ended} = snapshot;
	const list = [
		protocol,
		`fwd ${forwarding}`,
		inputMode === 'line' ? 'line' : 'keys',
		`to ${targetName(target)}${snapshot.targetBlocked && !ended ? ` (${snapshot.targetBlocked})` : ''}`,
		`${stats.peers} ${stats.peers === 1 ? 'peer' : 'peers'}`,
		...(snapshot.capture?.files ?? []).map(file => `cap ${file.path} ${formatBytes(file.bytes)}`),
		`rx ${formatRate(stats.rxRate)} tx ${formatRate(stats.txRate)}`,
	];
	if (snapshot.showStats) list.push(`in ${formatBytes(stats.bytesIn)} out ${formatBytes(stats.bytesOut)}`);
	return ended ? [`ENDED: ${ended.reason}`, ...list] : list;
}

/** The bar's text at the given width. */
export function statusText(snapshot: Snapshot, width: number): string {
	const hint = statusHint(snapshot);
	const room = Math.max(0, width - hint.length);
	let left = '';
	for (const field of fields(snapshot)) {
		const next = left === '' ? ` ${field}` : `${left} | ${field}`;
		if (next.length > room) {
			// The first field is the one that matters most: cut it rather than show nothing.
			if (left === '') left = next.slice(0, Math.max(0, room - 1)) + (room > 0 ? '~' : '');
			break;
		}
		left = next;
	}
	if (hint.length > width) return hint.trim().slice(0, width);
	return left.padEnd(room) + hint;
}

export function StatusBar({snapshot}: {snapshot: Snapshot}) {
	return (
		<Text inverse wrap="truncate-end" bold={snapshot.ended !== undefined}>
			{statusText(snapshot, snapshot.columns)}
		</Text>
	);
}
