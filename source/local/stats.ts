// Traffic statistics from router counters: what one interval carried and at what rate. Pure, so
// the plain runner's --stats lines and the UI use the same numbers.
import type {RouteCounters} from '../router/router.js';

export interface DirectionStats {
	bytes: number;
	messages: number;
	bytesPerSecond: number;
	messagesPerSecond: number;
}

export interface IntervalStats {
	intervalMs: number;
	/** Written to peers. */
	sent: DirectionStats;
	/** Received from peers. */
	received: DirectionStats;
}

function direction(bytes: number, messages: number, intervalMs: number): DirectionStats {
	const seconds = intervalMs / 1000;
	return {bytes, messages, bytesPerSecond: seconds > 0 ? bytes / seconds : 0, messagesPerSecond: seconds > 0 ? messages / seconds : 0};
}

export function statsBetween(previous: RouteCounters, current: RouteCounters, intervalMs: number): IntervalStats {
	return {
		intervalMs,
		sent: direction(current.bytesOut - previous.bytesOut, current.messagesOut - previous.messagesOut, intervalMs),
		received: direction(current.bytesIn - previous.bytesIn, current.messagesIn - previous.messagesIn, intervalMs),
	};
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 0 B, 999 B, 1.50 KiB, 12.3 MiB, 0.98 GiB: binary units, at most four digits. */
export function formatBytes(bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < byteUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${unit === 0 ? Math.round(value) : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ${byteUnits[unit]}`;
}

/** 12, 1.2k, 3.4M (decimal, for counts). */
export function formatCount(count: number): string {
	if (count < 1000) return String(Math.round(count));
	if (count < 1_000_000) return `${(count / 1000).toFixed(1)}k`;
	return `${(count / 1_000_000).toFixed(1)}M`;
}

function describeDirection(stats: DirectionStats): string {
	return `${formatBytes(stats.bytes)} in ${formatCount(stats.messages)} msgs (${formatBytes(stats.bytesPerSecond)}/s, ${formatCount(stats.messagesPerSecond)} msgs/s)`;
}

export function describeStats(stats: IntervalStats): string {
	return `stats: sent ${describeDirection(stats.sent)}; received ${describeDirection(stats.received)}`;
}

/** Takes a sample of the counters every intervalMs; returns a function that stops it. */
export function sampleStats(counters: () => RouteCounters, intervalMs: number, onSample: (stats: IntervalStats) => void): () => void {
	let previous = counters();
	let previousTime = performance.now();
	const timer = setInterval(() => {
		const current = counters();
		const now = performance.now();
		onSample(statsBetween(previous, current, now - previousTime));
		previous = current;
		previousTime = now;
	}, intervalMs);
	return () => clearInterval(timer);
}
