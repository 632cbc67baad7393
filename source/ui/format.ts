// Short human texts for rates, times and route names (sizes: local/stats.ts). Pure.
import {formatBytes} from '../local/stats.js';
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId} from '../router/route.js';

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
