// Short human texts for sizes, rates, times and route names. Pure.
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId} from '../router/route.js';

export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
	return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** Local wall-clock time with milliseconds: 14:03:07.125 */
export function formatTime(epochMs: number): string {
	const date = new Date(epochMs);
	const two = (value: number) => String(value).padStart(2, '0');
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export function routeName(id: RouteId): string {
	return id === 0 ? 'local' : `#${id}`;
}

export function targetName(target: LocalTarget): string {
	return target === 'all' ? 'All peers' : routeName(target);
}

export function summaryLine(peersSeen: number, bytesIn: number, bytesOut: number): string {
	return `netcrab-tui: ${peersSeen} ${peersSeen === 1 ? 'peer' : 'peers'}, received ${formatBytes(bytesIn)}, sent ${formatBytes(bytesOut)}`;
}
