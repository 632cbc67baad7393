// The one-line status bar: protocol, forwarding mode, input mode, target, peers, rates, help key.
import {Text} from 'ink';
import {formatBytes} from '../local/stats.js';
import {formatRate, targetName} from './format.js';
import type {Snapshot} from './store.js';

const helpHint = ' F1 help ';

/** The bar's text at the given width; the help hint always stays visible at the right. */
export function statusText(snapshot: Snapshot, width: number): string {
	const {protocol, forwarding, inputMode, target, stats} = snapshot;
	const left = ` ${[
		protocol,
		`fwd ${forwarding}`,
		inputMode === 'line' ? 'line' : 'keys',
		`to ${targetName(target)}`,
		`${stats.peers} ${stats.peers === 1 ? 'peer' : 'peers'}`,
		...(snapshot.capture?.files ?? []).map(file => `cap ${file.path} ${formatBytes(file.bytes)}`),
		`rx ${formatRate(stats.rxRate)} tx ${formatRate(stats.txRate)}`,
	].join(' | ')}`;
	const room = Math.max(0, width - helpHint.length);
	return (left.length > room ? left.slice(0, room) : left.padEnd(room)) + helpHint;
}

export function StatusBar({snapshot}: {snapshot: Snapshot}) {
	return (
		<Text inverse wrap="truncate-end">
			{statusText(snapshot, snapshot.columns)}
		</Text>
	);
}
