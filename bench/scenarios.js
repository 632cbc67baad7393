// Scenarios 1-6 and the start-up check. Each returns rows for the table: our figure, a peer's
// figure measured in the same run (interleaved, so noise from other load hits both), the ratio
// and whether the issue's target is met.
import {closeSync, openSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {memory, now, sleep, start, waitListening} from './processes.js';

const loadPath = fileURLToPath(new URL('load.js', import.meta.url));
const transferTimeoutMs = 300_000;
const mb = 1e6;

export function median(values) {
	const sorted = values.filter(value => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function startLoad(role, config) {
	return start(process.execPath, [loadPath, role, JSON.stringify(config)]);
}

/** BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to our process only. */
export function ourCommand(ctx, args) {
	return [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ctx.cli, ...args];
}

export function startOurs(ctx, args, stdio) {
	return start(process.execPath, ourCommand(ctx, args), stdio);
}

/** Our "Listening on" line's port. */
export async function ourPort(handle) {
	await handle.waitStderr(/Listening on /g);
	return Number(handle.stderr().match(/Listening on \S+:(\d+)/)[1]);
}

export async function stopAll(...handles) {
	await Promise.all(handles.filter(Boolean).map(handle => handle.kill()));
}

/**
 * Runs every contender `ctx.repeats` times, interleaved (A B C, A B C, ...), and returns per
 * contender {value: median, runs, failures}. measure(contender) resolves {value} or {failure}.
 */
export async function measureAll(ctx, title, contenders, measure) {
	const runs = new Map(contenders.map(contender => [contender, []]));
	const failures = new Map(contenders.map(contender => [contender, []]));
	for (let round = 1; round <= ctx.repeats; round++) {
		for (const contender of contenders) {
			let result;
			try {
				result = await measure(contender);
			} catch (error) {
				result = {failure: error.message.split('\n')[0]};
			}
			if (result.failure) failures.get(contender).push(result.failure);
			else runs.get(contender).push(result.value);
			ctx.log(`${title} ${contender.label} #${round}: ${result.failure ? `FAILED ${result.failure}` : contender.format(result.value)}`);
		}
	}
	return new Map(contenders.map(contender => [contender, {value: median(runs.get(contender)), runs: runs.get(contender), failures: failures.get(contender)}]));
}

export const rate = value => `${(value / mb).toFixed(0)} MB/s`;

/** One table row comparing our median with one peer's (higher is better unless lowerIsBetter). */
export function comparisonRow(scenario, ours, peer, {minRatio, unavailable} = {}) {
	const row = {scenario: scenario.name, metric: scenario.metric, ours: ours.value, oursText: describe(ours, scenario.format), peer: peer?.label ?? null};
	if (unavailable) return {...row, peerText: `skipped: ${unavailable}`, ratio: null, target: minRatio ? `>= ${minRatio}x` : null, met: null};
	const peerText = describe(peer.result, scenario.format);
	const ratio = ours.value !== undefined && peer.result.value ? ours.value / peer.result.value : null;
	const clean = ours.failures.length === 0 && peer.result.failures.length === 0;
	return {
		...row,
		peerText,
		ratio,
		target: minRatio ? `>= ${minRatio}x` : null,
		met: minRatio ? ratio !== null && ratio >= minRatio && ours.failures.length === 0 : null,
		...(clean ? {} : {note: [...ours.failures.map(text => `ours: ${text}`), ...peer.result.failures.map(text => `${peer.label}: ${text}`)].join('; ')}),
	};
}

function describe(result, format) {
	if (result.value === undefined) return `failed`;
	const failed = result.failures.length > 0 ? ` (${result.failures.length} failed)` : '';
	return `${format(result.value)}${failed}`;
}

/** Builds the rows of a throughput scenario: ours against each peer, with a target per peer. */
async function throughputScenario(ctx, scenario, ourContenders, peerContenders) {
	const available = peerContenders.filter(peer => ctx.peers[peer.peer]);
	const contenders = [...ourContenders, ...available].map(contender => ({format: rate, ...contender}));
	const results = await measureAll(ctx, scenario.name, contenders, contender => contender.run());
	const rows = [];
	for (const ours of contenders.filter(contender => !contender.peer)) {
		for (const peer of peerContenders) {
			const peerContender = contenders.find(contender => contender.label === peer.label);
			const variantScenario = {...scenario, name: `${scenario.name}${ours.variant ? ` (${ours.variant})` : ''}`, format: rate};
			rows.push(
				comparisonRow(variantScenario, results.get(ours), peerContender ? {label: peer.label, result: results.get(peerContender)} : {label: peer.label}, {
					minRatio: ours.targets?.[peer.label],
					...(peerContender ? {} : {unavailable: `${peer.peer} not available`}),
				}),
			);
		}
	}
	return rows;
}

export function exact(done, bytes, count = 1) {
	const connections = done.connections ?? [];
	const bad = connections.filter(connection => connection.bytes !== bytes || !connection.ok);
	if (connections.length !== count || bad.length > 0) {
		return {failure: `not byte-exact: ${bad.length} of ${count} receivers got ${bad.map(item => `${item.bytes} bytes${item.ok ? '' : ' (corrupt)'}`).join(', ') || 'nothing'}`};
	}
	return undefined;
}

// 1. relay: source -> relay -> sink. Channels pair routes whose peer hosts differ, so the sink
// listens on 127.0.0.2 and the source connects from 127.0.0.1.
export async function relay(ctx) {
	const bytes = ctx.sizes.stream;
	const once = async startRelay => {
		const sink = startLoad('sink', {listen: '127.0.0.2', bytes});
		let relayProcess;
		let source;
		try {
			const {port: sinkPort} = await sink.waitEvent('listening');
			const {handle, port} = await startRelay(sinkPort, sink);
			relayProcess = handle;
			source = startLoad('source', {connect: {host: '127.0.0.1', port}, bytes});
			const done = await sink.waitEvent('done', transferTimeoutMs);
			return exact(done, bytes) ?? {value: bytes / done.seconds};
		} finally {
			await stopAll(source, relayProcess, sink);
		}
	};
	const socat = (...extra) => async sinkPort => {
		const handle = start(ctx.peers.socat.path, [...extra, 'TCP-LISTEN:0,bind=127.0.0.1', `TCP:127.0.0.2:${sinkPort}`]);
		return {handle, port: await waitListening(handle)};
	};
	return throughputScenario(
		ctx,
		{name: `1 relay --fm channels, ${ctx.sizes.streamText}`, metric: 'throughput'},
		[
			{
				label: 'netcrab-tui',
				targets: {'socat -b 131072': 1},
				run: () =>
					once(async (sinkPort, sink) => {
						const handle = startOurs(ctx, ['-L', '127.0.0.1:0', '--fm', 'channels', '-i', 'none', '-o', 'none', `127.0.0.2:${sinkPort}`]);
						const port = await ourPort(handle);
						// The sink must be paired before the source's first byte arrives.
						await sink.waitEvent('accepted');
						return {handle, port};
					}),
			},
		],
		[
			{label: 'socat', peer: 'socat', run: () => once(socat())},
			{label: 'socat -b 131072', peer: 'socat', run: () => once(socat('-b131072'))},
		],
	);
}

// 2. receive: a source listens and sends; the receiver connects and throws the bytes away.
export async function receive(ctx) {
	const bytes = ctx.sizes.stream;
	const once = async (command, args) => {
		const source = startLoad('source', {listen: '127.0.0.1', bytes});
		let receiver;
		try {
			const {port} = await source.waitEvent('listening');
			receiver = start(command, args(port), {stdout: 'ignore'});
			const done = await source.waitEvent('done', transferTimeoutMs);
			const exit = await receiver.waitExit(10_000);
			if (done.bytes !== bytes) return {failure: `source sent ${done.bytes} of ${bytes} bytes`};
			if (exit.code !== 0) return {failure: `receiver exited with ${exit.code ?? exit.signal}: ${receiver.stderr().trim().slice(-200)}`};
			return {value: bytes / done.seconds};
		} finally {
			await stopAll(receiver, source);
		}
	};
	const ours = extra => port => [`127.0.0.1:${port}`, '-i', 'none', ...extra];
	return throughputScenario(
		ctx,
		{name: `2 receive ${ctx.sizes.streamText}`, metric: 'throughput'},
		[
			{label: 'netcrab-tui -o none', variant: '-o none', targets: {'nc -d': 1}, run: () => once(process.execPath, port => ourCommand(ctx, ours(['-o', 'none'])(port)))},
			{label: 'netcrab-tui >/dev/null', variant: 'stdout to /dev/null', run: () => once(process.execPath, port => ourCommand(ctx, ours([])(port)))},
		],
		[
			{label: 'nc -d', peer: 'nc', run: () => once(ctx.peers.nc.path, port => ['-d', '127.0.0.1', String(port)])},
			{label: 'ncat --recv-only', peer: 'ncat', run: () => once(ctx.peers.ncat.path, port => ['--recv-only', '127.0.0.1', String(port)])},
			{label: 'socat -u', peer: 'socat', run: () => once(ctx.peers.socat.path, port => ['-u', `TCP:127.0.0.1:${port}`, 'STDOUT'])},
		],
	);
}

// 3. send from stdin: a file of the pattern on stdin, to a sink that checks every byte.
export async function send(ctx) {
	const bytes = ctx.sizes.stream;
	const once = async (command, args) => {
		const sink = startLoad('sink', {listen: '127.0.0.2', bytes});
		let sender;
		try {
			const {port} = await sink.waitEvent('listening');
			const input = openSync(ctx.patternFile, 'r');
			try {
				sender = start(command, args(port), {stdin: input, stdout: 'ignore'});
			} finally {
				closeSync(input);
			}
			const done = await sink.waitEvent('done', transferTimeoutMs);
			return exact(done, bytes) ?? {value: bytes / done.seconds};
		} finally {
			await stopAll(sender, sink);
		}
	};
	return throughputScenario(
		ctx,
		{name: `3 send from stdin ${ctx.sizes.streamText}`, metric: 'throughput'},
		[{label: 'netcrab-tui', targets: {'nc -N': 1}, run: () => once(process.execPath, port => ourCommand(ctx, [`127.0.0.2:${port}`]))}],
		[
			{label: 'nc -N', peer: 'nc', run: () => once(ctx.peers.nc.path, port => ['-N', '127.0.0.2', String(port)])},
			{label: 'ncat --send-only', peer: 'ncat', run: () => once(ctx.peers.ncat.path, port => ['--send-only', '127.0.0.2', String(port)])},
			{label: 'socat -u', peer: 'socat', run: () => once(ctx.peers.socat.path, port => ['-u', 'STDIN', `TCP:127.0.0.2:${port}`])},
		],
	);
}

// 4. hub fan-out: receivers connect first, then one sender; every receiver must get every byte.
// The figure is the aggregate rate: receivers x bytes / time.
export async function hub(ctx) {
	const bytes = ctx.sizes.hub;
	const rows = [];
	for (const receivers of [10, 50]) {
		const once = async startHub => {
			let hubProcess;
			let sinks;
			let source;
			try {
				const {handle, port, accepted} = await startHub(receivers);
				hubProcess = handle;
				// Every receiver's bytes are counted and the first one's compared byte by byte: checking all
				// of them would make the sink, not the hub, the bottleneck.
				sinks = startLoad('sink', {connect: {host: '127.0.0.1', port, count: receivers}, bytes, spacingMs: 10, verify: 'first'});
				await sinks.waitEvent('connected');
				await handle.waitStderr(accepted, receivers);
				source = startLoad('source', {connect: {host: '127.0.0.1', port}, bytes});
				const done = await sinks.waitEvent('done', transferTimeoutMs);
				return exact(done, bytes, receivers) ?? {value: (bytes * receivers) / done.seconds};
			} finally {
				await stopAll(source, sinks, hubProcess);
			}
		};
		rows.push(
			...(await throughputScenario(
				ctx,
				{name: `4 hub fan-out to ${receivers}, ${ctx.sizes.hubText} each`, metric: 'aggregate throughput'},
				[
					{
						label: 'netcrab-tui',
						targets: receivers === 50 ? {'ncat --broker': 1.33} : {},
						run: () =>
							once(async count => {
								const handle = startOurs(ctx, ['-L', '127.0.0.1:0', '--fm', 'hub', '-m', String(count + 10), '-i', 'none', '-o', 'none']);
								return {handle, port: await ourPort(handle), accepted: /Accepted connection/g};
							}),
					},
				],
				[
					{
						label: 'ncat --broker',
						peer: 'ncat',
						run: () =>
							once(async count => {
								const handle = start(ctx.peers.ncat.path, ['-v', '--broker', '-m', String(count + 10), '-l', '127.0.0.1', '0']);
								return {handle, port: await waitListening(handle), accepted: /Connection from \S+:\d+\./g};
							}),
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
				relayProcess = startOurs(ctx, ['-L', '127.0.0.1:0', '--fm', 'channels', '-i', 'none', '-o', 'none', `127.0.0.2:${sinkPort}`]);
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
export async function manyPeers(ctx) {
	const count = ctx.sizes.idlePeers;
	const once = async (command, args, accepted, portOf) => {
		const hubProcess = start(command, args);
		let clients;
		try {
			const port = await portOf(hubProcess);
			await sleep(300);
			const before = memory(hubProcess.pid).rss;
			clients = startLoad('idle', {host: '127.0.0.1', port, count});
			const {t: started} = await clients.waitEvent('starting');
			// Far above the 2 s target; a peer that cannot keep up fails here rather than stall the bench.
			await hubProcess.waitStderr(accepted, count, 15_000);
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
			run: () => once(process.execPath, ourCommand(ctx, ['-L', '127.0.0.1:0', '--fm', 'hub', '-m', '2000', '-i', 'none', '-o', 'none']), /Accepted connection/g, ourPort),
		},
		...(ctx.peers.ncat
			? [{label: 'ncat --broker', run: () => once(ctx.peers.ncat.path, ['-v', '--broker', '-m', '2000', '-l', '127.0.0.1', '0'], /Connection from \S+:\d+\./g, waitListening)}]
			: []),
	].map(contender => ({...contender, format: value => `${value.acceptSeconds.toFixed(2)} s, ${(value.perPeer / 1024).toFixed(1)} KiB/peer`}));
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
			scenario: `6 ${count} idle peers in one burst (hub, -m 2000)`,
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
		row('acceptSeconds', 'time to accept all', value => `${value.toFixed(2)} s`, 2, '< 2 s'),
		row('perPeer', 'RSS per peer', value => `${(value / 1000).toFixed(1)} KB`, 20_000, '< 20 KB'),
	];
}

// Plain mode start-up: spawn to the "Listening on" line, against node starting a bare net server.
export async function startup(ctx) {
	const bare = `require('net').createServer().listen(0, '127.0.0.1', function () { console.error('Listening on 127.0.0.1:' + this.address().port); })`;
	const once = args => async () => {
		const started = now();
		const handle = start(process.execPath, args);
		try {
			await handle.waitStderr(/Listening on /g);
			return {value: (now() - started) / 1000};
		} finally {
			await handle.kill();
		}
	};
	const format = value => `${(value * 1000).toFixed(0)} ms`;
	const ours = {label: 'netcrab-tui', format, run: once([ctx.cli, '-L', '127.0.0.1:0', '-i', 'none'])};
	const bareNode = {label: 'node -e (bare net server)', format, run: once(['-e', bare])};
	const results = await measureAll(ctx, '8 start-up', [ours, bareNode], contender => contender.run());
	const row = comparisonRow({name: '8 plain start-up to "Listening on"', metric: 'time', format}, results.get(ours), {label: bareNode.label, result: results.get(bareNode)});
	// Lower is better here: the target is ours <= 1.5 x the bare server.
	return [{...row, target: '<= 1.5x', met: row.ratio !== null && row.ratio <= 1.5}];
}
