// Scenarios 4-6 (1-3 are in streams.js, start-up in startup.js). Each returns rows for the table:
// our figure, a peer's figure measured in the same run (interleaved, so noise from other load hits
// both), the ratio and whether the target is met.
import {fileURLToPath} from 'node:url';
import {startMetered} from './helpers.js';
import {describe, exact, mb, measureAll, median, ourCommand, ourPort, stopAll, throughputScenario} from './measure.js';
import {memory, now, sleep, start, waitListening} from './processes.js';

export {comparisonRow, exact, measureAll, median, ourCommand, ourPort, rate, startOurs, stopAll} from './measure.js';

const transferTimeoutMs = 300_000;
const loadPath = fileURLToPath(new URL('load.js', import.meta.url));

export function startLoad(role, config) {
	return start(process.execPath, [loadPath, role, JSON.stringify(config)]);
}

function startOurs(ctx, args, stdio) {
	return start(process.execPath, ourCommand(ctx, args), stdio);
}

// 4. hub fan-out: receivers connect first, then one sender; every receiver must get every byte.
// The figure is the aggregate rate: receivers x bytes / time; the cells add the hub's CPU per GiB
// delivered and its peak RSS, so growth from 10 to 50 to 200 receivers shows.
export async function hub(ctx, helper) {
	const bytes = ctx.sizes.hub;
	const rows = [];
	for (const receivers of helper.kind === 'ordinary' ? [10, 50, 200] : [10, 50]) {
		const once = async startHub => {
			const {handle, usage, port: portOf, accepted} = startHub(receivers);
			let sinks;
			let source;
			let result;
			try {
				const port = await portOf(handle);
				// Every receiver's bytes are counted and the first one's compared byte by byte: checking all
				// of them would make the sink, not the hub, the bottleneck.
				sinks = helper.start('sink', {connect: {host: '127.0.0.1', port, count: receivers}, bytes, spacingMs: 10, verify: 'first'});
				await sinks.waitEvent('connected', 60_000);
				await handle.waitStderr(accepted, receivers);
				source = helper.start('source', {connect: {host: '127.0.0.1', port}, bytes});
				const done = await sinks.waitEvent('done', transferTimeoutMs);
				result = exact(done, bytes, receivers) ?? {value: (bytes * receivers) / done.seconds};
			} finally {
				await stopAll(source, sinks, handle);
			}
			const figures = await usage();
			return result.failure || !figures ? result : {...result, ...figures};
		};
		rows.push(
			...(await throughputScenario(
				ctx,
				{
					name: `4 hub fan-out to ${receivers}, ${ctx.sizes.hubText} each, ${helper.label}`,
					metric: 'aggregate throughput',
					bytes: bytes * receivers,
				},
				[
					{
						label: 'netcrab-tui',
						targets: receivers === 50 ? {'ncat --broker': 1.33} : {},
						run: () =>
							once(count => ({
								...startMetered(
									ctx,
									process.execPath,
									ourCommand(ctx, [
										'-L',
										'127.0.0.1:0',
										'--fm',
										'hub',
										'-m',
										String(count + 10),
										'-i',
										'none',
										'-o',
										'none',
									]),
								),
								port: ourPort,
								accepted: /Accepted connection/g,
							})),
					},
				],
				[
					{
						label: 'ncat --broker',
						peer: 'ncat',
						run: () =>
							once(count => ({
								...startMetered(ctx, ctx.peers.ncat.path, [
									'-v',
									'--broker',
									'-m',
									String(count + 10),
									'-l',
									'127.0.0.1',
									'0',
								]),
								port: waitListening,
								accepted: /Connection from \S+:\d+\./g,
							})),
					},
				],
			)),
		);
	}
	return rows;
}

// 5. slow consumer: the sink reads 2 MB/s while the source pushes for a while; peak RSS of the relay.
export async function slowConsumer(ctx) {
	const seconds = ctx.sizes.slowSeconds;
	const contender = {
		label: 'netcrab-tui',
		format: value => `${(value / mb).toFixed(1)} MB`,
		run: async () => {
			const sink = startLoad('sink', {listen: '127.0.0.2', rate: 2 * mb});
			let relayProcess;
			let source;
			try {
				const {port: sinkPort} = await sink.waitEvent('listening');
				relayProcess = startOurs(ctx, [
					'-L',
					'127.0.0.1:0',
					'--fm',
					'channels',
					'-i',
					'none',
					'-o',
					'none',
					`127.0.0.2:${sinkPort}`,
				]);
				const port = await ourPort(relayProcess);
				await sink.waitEvent('accepted');
				source = startLoad('source', {connect: {host: '127.0.0.1', port}, seconds});
				const done = await source.waitEvent('done', (seconds + 30) * 1000);
				const {peak} = memory(relayProcess.pid);
				ctx.log(`  source pushed ${(done.bytes / mb).toFixed(0)} MB in ${seconds} s against a 2 MB/s reader`);
				return {value: peak};
			} finally {
				await stopAll(source, relayProcess, sink);
			}
		},
	};
	const results = await measureAll(ctx, '5 slow consumer', [contender], item => item.run());
	const result = results.get(contender);
	return [
		{
			scenario: `5 slow consumer (2 MB/s reader, ${seconds} s push)`,
			metric: 'peak RSS',
			ours: result.value,
			oursText: describe(result, contender.format),
			peer: null,
			peerText: null,
			ratio: null,
			target: '< 100 MB',
			met: result.value !== undefined && result.value < 100 * mb && result.failures.length === 0,
		},
	];
}

// 6. many peers: one burst of idle connections to a hub; time until all are accepted, and RSS each.
// The burst comes from the C helper's `idle` mode when it is built (non-blocking connect()s in a
// loop): the node helper spent about as much CPU per connection as the hub, on the same 2 cores.
// 10,000 sockets need more than the usual 1024 open files: the hub and the idle clients start
// through `sh -c 'ulimit -n ...; exec ...'` (the soft limit raised to 16384, or to the hard limit
// if that is lower), so the process keeps its pid and nothing else in the bench changes.
const fileLimitScript = 'ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';

function startWithFileLimit(command, args) {
	return start('/bin/sh', ['-c', fileLimitScript, command, ...args]);
}

export async function manyPeers(ctx) {
	const count = ctx.sizes.idlePeers;
	const maxClients = String(count + 1000);
	const once = async (command, args, accepted, portOf) => {
		const hubProcess = startWithFileLimit(command, args);
		let clients;
		try {
			const port = await portOf(hubProcess);
			await sleep(300);
			const before = memory(hubProcess.pid).rss;
			clients = ctx.ordinaryBinary
				? startWithFileLimit(ctx.ordinaryBinary, ['idle', `connect=127.0.0.1:${port}`, `count=${count}`])
				: startWithFileLimit(process.execPath, [loadPath, 'idle', JSON.stringify({host: '127.0.0.1', port, count})]);
			const {t: started} = await clients.waitEvent('starting');
			// Far above the 5 s target; a peer that cannot keep up fails here rather than stall the bench.
			await hubProcess.waitStderr(accepted, count, 30_000);
			const acceptSeconds = (now() - started) / 1000;
			await sleep(1000);
			const after = memory(hubProcess.pid).rss;
			return {value: {acceptSeconds, perPeer: (after - before) / count}};
		} finally {
			await stopAll(clients, hubProcess);
		}
	};
	const contenders = [
		{
			label: 'netcrab-tui',
			run: () =>
				once(
					process.execPath,
					ourCommand(ctx, ['-L', '127.0.0.1:0', '--fm', 'hub', '-m', maxClients, '-i', 'none', '-o', 'none']),
					/Accepted connection/g,
					ourPort,
				),
		},
		...(ctx.peers.ncat
			? [
					{
						label: 'ncat --broker',
						run: () =>
							once(
								ctx.peers.ncat.path,
								['-v', '--broker', '-m', maxClients, '-l', '127.0.0.1', '0'],
								/Connection from \S+:\d+\./g,
								waitListening,
							),
					},
				]
			: []),
	].map(contender => ({
		...contender,
		format: value => `${value.acceptSeconds.toFixed(2)} s, ${(value.perPeer / 1024).toFixed(1)} KiB/peer`,
	}));
	// measureAll takes medians of numbers; keep the runs and take each figure's median here.
	const results = await measureAll(ctx, `6 ${count} idle peers`, contenders, contender => contender.run());
	const figure = (contender, key) => {
		const result = results.get(contender);
		return {value: median(result.runs.map(run => run[key])), failures: result.failures};
	};
	const [ours, ncat] = contenders;
	const row = (key, metric, format, limit, limitText) => {
		const oursFigure = figure(ours, key);
		const peerFigure = ncat ? figure(ncat, key) : undefined;
		return {
			scenario: `6 ${count} idle peers in one burst (hub, -m ${maxClients})`,
			metric,
			ours: oursFigure.value,
			oursText: describe(oursFigure, format),
			peer: ncat ? 'ncat --broker' : null,
			peerText: ncat ? describe(peerFigure, format) : 'skipped: ncat not available',
			ratio: null,
			target: limitText,
			met: oursFigure.value !== undefined && oursFigure.value < limit && oursFigure.failures.length === 0,
		};
	};
	return [
		row('acceptSeconds', 'time to accept all', value => `${value.toFixed(2)} s`, 5, '< 5 s'),
		row('perPeer', 'RSS per peer', value => `${(value / 1000).toFixed(1)} KB`, 10_000, '< 10 KB'),
	];
}
