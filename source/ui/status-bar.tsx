// The one-line status bar: protocol, forwarding mode, input mode, target, peers, rates (and totals
// with --stats); once the run ended, why. Fields that do not fit are dropped whole from the right,
// never cut mid-value, and the short key hint always stays at the right.
import {Text} from 'ink';
import {formatBytes} from '../local/stats.js';
import {formatRate, targetName} from './format.js';
import type {FileSendView} from './file-sender.js';
import type {Snapshot} from './snapshot.js';

export function statusHint(snapshot: Snapshot): string {
	return snapshot.ended ? ' q quit  F1 help ' : ' F1 help  ^C quit ';
}

/** The input mode: line (with escapes: `line esc`), keys, or passthrough (`pass ^]` after the prefix). */
function modeField(snapshot: Snapshot): string {
	if (snapshot.passthrough) return snapshot.passthrough.armed ? 'pass ^]' : 'pass';
	if (snapshot.inputMode === 'keys') return 'keys';
	return snapshot.escapes ? 'line esc' : 'line';
}

/** F8's progress, short enough for 80 columns: `file x.bin 37% of 4.00 MiB` (bytes sent when the size is unknown). */
export function fileField(file: FileSendView): string {
	const name = file.name.length > 20 ? `...${file.name.slice(-17)}` : file.name;
	if (file.size === undefined) return `file ${name} ${formatBytes(file.sent)}`;
	const percent = file.size === 0 ? 100 : Math.floor((file.sent / file.size) * 100);
	return `file ${name} ${percent}% of ${formatBytes(file.size)}`;
}

function fields(snapshot: Snapshot): string[] {
	const {protocol, forwarding, target, stats, ended} = snapshot;
	const list = [
		protocol,
		`fwd ${forwarding}`,
		modeField(snapshot),
		...(snapshot.fileSend ? [fileField(snapshot.fileSend)] : []),
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
