// The pipe-friendly runner: received bytes go to stdout (the local route writes them), and every
// status line goes to stderr.
import {describeError} from './errors.js';
import {describeStats, sampleStats} from './local/stats.js';
import type {Options} from './options.js';
import type {ReportLevel, RouteCounters} from './router/router.js';
import type {RouteInfo} from './router/route.js';
import {Session} from './session.js';

function protocolName(route: RouteInfo): string {
	return route.protocol.toUpperCase();
}

export function describeRouteAdded(route: RouteInfo, at = new Date()): string {
	const family = route.family ? `, family IPv${route.family}` : '';
	if (route.protocol === 'udp') {
		return route.origin === 'inbound'
			? `New peer ${route.peer} seen at ${at.toTimeString().slice(0, 8)} on ${route.local}, protocol UDP${family}`
			: `Sending from ${route.local} to ${route.peer}, protocol UDP${family}`;
	}
	return route.origin === 'inbound'
		? `Accepted connection from ${route.peer} to ${route.local}, protocol ${protocolName(route)}${family}`
		: `Connected from ${route.local} to ${route.peer}, protocol ${protocolName(route)}${family}`;
}

export function describeRouteRemoved(route: RouteInfo, error?: Error, counters?: RouteCounters): string {
	if (route.protocol === 'udp' && counters) {
		return `Forgot peer ${route.peer} on ${route.local}, protocol UDP: ${counters.messagesIn} datagram(s) (${counters.bytesIn} bytes) in, ${counters.messagesOut} (${counters.bytesOut} bytes) out`;
	}
	return `Closed connection from ${route.local} to ${route.peer}, protocol ${protocolName(route)}${error ? `: ${describeError(error)}` : ''}`;
}

export async function runPlain(options: Options): Promise<number> {
	const stderr = process.stderr;
	const line = (text: string) => stderr.write(`${text}\n`);
	const session = new Session(options, {
		stdin: process.stdin,
		output: process.stdout,
		readStdin: true,
		echo: stderr,
	});
	const {router} = session;
	router.on('report', (level: ReportLevel, text: string) => {
		if (level === 'verbose' && !options.verbose) return;
		line(level === 'error' ? `netcrab-tui: ${text}` : text);
	});
	router.on('route-added', route => {
		if (route.origin !== 'local') line(describeRouteAdded(route));
	});
	router.on('route-removed', ({route, error, counters}) => {
		if (options.verbose) line(describeRouteRemoved(route, error, counters));
	});
	if (options.verbose) router.on('mode', mode => line(`Forwarding mode: ${mode}`));
	if (options.stats) {
		const stopStats = sampleStats(() => router.totalCounters(), options.statsIntervalMs, stats => line(describeStats(stats)));
		void session.done.then(stopStats);
	}

	const stop = (code: number) => () => session.stop(code);
	process.on('SIGINT', stop(130));
	process.on('SIGTERM', stop(143));
	process.on('SIGHUP', stop(129));
	await session.start().catch(error => {
		session.stop(1);
		throw error;
	});
	return session.done;
}
