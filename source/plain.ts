// The pipe-friendly runner: received bytes go to stdout (the local route writes them), and every
// status line goes to stderr.
import {describeStats, sampleStats} from './local/stats.js';
import {tolerateStderrErrors} from './local/std-streams.js';
import {openStdin} from './local/stdin-stream.js';
import {terminalOutput} from './local/terminal-output.js';
import type {Options} from './options.js';
import {RepeatSummary} from './repeat-summary.js';
import {isReset} from './reset-ending.js';
import {describeRouteAdded, describeRouteRemoved} from './route-text.js';
import type {ReportLevel} from './router/router.js';
import {Session} from './session.js';
import {exitOnSignals} from './signal-exit.js';

export async function runPlain(options: Options): Promise<number> {
	const stderr = process.stderr;
	tolerateStderrErrors(stderr);
	const line = (text: string) => stderr.write(`${text}\n`);
	const session = new Session(options, {
		stdin: openStdin(),
		output: process.stdout.isTTY ? terminalOutput(process.stdout) : process.stdout,
		readStdin: true,
		echo: stderr,
	});
	const {router} = session;
	router.on('report', (level: ReportLevel, text: string) => {
		if (level === 'verbose' && !options.verbose) return;
		line(level === 'error' ? `netcrab-tui: ${text}` : text);
	});
	// A flood of new UDP peers (one datagram from each of thousands of ports) is one line a second.
	const newPeers = new RepeatSummary(line);
	router.on('route-added', route => {
		if (route.origin === 'local') return;
		if (route.protocol === 'udp' && route.origin === 'inbound') {
			newPeers.note(
				`new ${route.local}`,
				() => describeRouteAdded(route),
				count => `${count} more new peer(s) on ${route.local} in the last second, protocol UDP`,
			);
		} else {
			line(describeRouteAdded(route));
		}
	});
	router.on('route-removed', ({route, error, counters}) => {
		// A reset is always said; other closes only with -v.
		if (options.verbose || isReset(error)) line(describeRouteRemoved(route, error, counters));
	});
	if (options.verbose) router.on('mode', mode => line(`Forwarding mode: ${mode}`));
	if (options.stats) {
		const stopStats = sampleStats(
			() => router.totalCounters(),
			options.statsIntervalMs,
			stats => line(describeStats(stats)),
		);
		void session.done.then(stopStats);
	}

	exitOnSignals(session);
	await session.start().catch(error => {
		session.stop(1);
		throw error;
	});
	return session.done;
}
