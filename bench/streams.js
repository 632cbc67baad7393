// Scenarios 1-3, one byte stream each, run once per load helper (bulk and ordinary): the tool in
// the middle (ours or a C peer) runs under the meter, so every figure comes with its CPU seconds
// per GiB and peak RSS.
import {closeSync, openSync} from 'node:fs';
import {startMetered} from './helpers.js';
import {exact, ourCommand, ourPort, stopAll, throughputScenario} from './measure.js';
import {waitListening} from './processes.js';

const transferTimeoutMs = 300_000;
const MiB = 2 ** 20;
/** The memory target for a transfer of any size. */
const maxRss = 64 * MiB;

/** Runs `body` with the metered process; adds its usage once every process has stopped. */
async function metered(body) {
	const started = [];
	let result;
	try {
		result = await body(handle => started.push(handle));
	} finally {
		await stopAll(...started.map(item => item.handle ?? item));
	}
	const meter = started.find(item => item.usage);
	const usage = meter ? await meter.usage() : undefined;
	return result.failure || !usage ? result : {...result, ...usage};
}

// 1. relay: source -> relay -> sink. Channels pair routes whose peer hosts differ, so the sink
// listens on 127.0.0.2 and the source connects from 127.0.0.1.
export async function relay(ctx, helper) {
	const bytes = ctx.sizes.stream;
	const once = startRelay =>
		metered(async track => {
			const sink = helper.start('sink', {listen: '127.0.0.2', bytes});
			track(sink);
			const {port: sinkPort} = await sink.waitEvent('listening');
			const relayProcess = startRelay(sinkPort);
			track(relayProcess);
			const port = relayProcess.ours ? await ourPort(relayProcess.handle) : await waitListening(relayProcess.handle);
			// Ours pairs routes: the sink must be paired before the source's first byte arrives.
			if (relayProcess.ours) await sink.waitEvent('accepted');
			track(helper.start('source', {connect: {host: '127.0.0.1', port}, bytes}));
			const done = await sink.waitEvent('done', transferTimeoutMs);
			return exact(done, bytes) ?? {value: bytes / done.seconds};
		});
	const socat =
		(...extra) =>
		sinkPort =>
			startMetered(ctx, ctx.peers.socat.path, [...extra, 'TCP-LISTEN:0,bind=127.0.0.1', `TCP:127.0.0.2:${sinkPort}`]);
	return throughputScenario(
		ctx,
		{name: `1 relay --fm channels, ${ctx.sizes.streamText}, ${helper.label}`, metric: 'throughput', bytes},
		[
			{
				label: 'netcrab-tui',
				targets: {'socat -b 131072': 1},
				cpuTarget: 'socat -b 131072',
				maxRss,
				run: () =>
					once(sinkPort => ({
						ours: true,
						...startMetered(
							ctx,
							process.execPath,
							ourCommand(ctx, ['-L', '127.0.0.1:0', '--fm', 'channels', '-i', 'none', '-o', 'none', `127.0.0.2:${sinkPort}`]),
						),
					})),
			},
		],
		[
			{label: 'socat', peer: 'socat', run: () => once(socat())},
			{label: 'socat -b 131072', peer: 'socat', run: () => once(socat('-b131072'))},
		],
	);
}

// 2. receive: a source listens and sends; the receiver connects and throws the bytes away.
export async function receive(ctx, helper) {
	const bytes = ctx.sizes.stream;
	const once = (command, args) =>
		metered(async track => {
			const source = helper.start('source', {listen: '127.0.0.1', bytes});
			track(source);
			const {port} = await source.waitEvent('listening');
			const receiver = startMetered(ctx, command, args(port), {stdout: 'ignore'});
			track(receiver);
			const done = await source.waitEvent('done', transferTimeoutMs);
			const exit = await receiver.handle.waitExit(10_000);
			if (done.bytes !== bytes) return {failure: `source sent ${done.bytes} of ${bytes} bytes`};
			if (exit.code !== 0)
				return {failure: `receiver exited with ${exit.code ?? exit.signal}: ${receiver.handle.stderr().trim().slice(-200)}`};
			return {value: bytes / done.seconds};
		});
	const ours = extra => port => ourCommand(ctx, [`127.0.0.1:${port}`, '-i', 'none', ...extra]);
	return throughputScenario(
		ctx,
		{name: `2 receive ${ctx.sizes.streamText}, ${helper.label}`, metric: 'throughput', bytes},
		[
			{
				label: 'netcrab-tui -o none',
				variant: '-o none',
				targets: {'nc -d': 1},
				cpuTarget: 'nc -d',
				maxRss,
				run: () => once(process.execPath, ours(['-o', 'none'])),
			},
			{
				label: 'netcrab-tui >/dev/null',
				variant: 'stdout to /dev/null',
				targets: {'nc -d': 1},
				cpuTarget: 'nc -d',
				maxRss,
				run: () => once(process.execPath, ours([])),
			},
		],
		[
			{label: 'nc -d', peer: 'nc', run: () => once(ctx.peers.nc.path, port => ['-d', '127.0.0.1', String(port)])},
			{
				label: 'ncat --recv-only',
				peer: 'ncat',
				run: () => once(ctx.peers.ncat.path, port => ['--recv-only', '127.0.0.1', String(port)]),
			},
			{label: 'socat -u', peer: 'socat', run: () => once(ctx.peers.socat.path, port => ['-u', `TCP:127.0.0.1:${port}`, 'STDOUT'])},
		],
	);
}

// 3. send from stdin: a file of the pattern on stdin, to a sink that checks every byte.
export async function send(ctx, helper) {
	const bytes = ctx.sizes.stream;
	const once = (command, args) =>
		metered(async track => {
			const sink = helper.start('sink', {listen: '127.0.0.2', bytes});
			track(sink);
			const {port} = await sink.waitEvent('listening');
			const input = openSync(ctx.patternFile, 'r');
			try {
				track(startMetered(ctx, command, args(port), {stdin: input, stdout: 'ignore'}));
			} finally {
				closeSync(input);
			}
			const done = await sink.waitEvent('done', transferTimeoutMs);
			return exact(done, bytes) ?? {value: bytes / done.seconds};
		});
	return throughputScenario(
		ctx,
		{name: `3 send from stdin ${ctx.sizes.streamText}, ${helper.label}`, metric: 'throughput', bytes},
		[
			{
				label: 'netcrab-tui',
				targets: {'nc -N': 1},
				cpuTarget: 'nc -N',
				maxRss,
				run: () => once(process.execPath, port => ourCommand(ctx, [`127.0.0.2:${port}`])),
			},
		],
		[
			{label: 'nc -N', peer: 'nc', run: () => once(ctx.peers.nc.path, port => ['-N', '127.0.0.2', String(port)])},
			{
				label: 'ncat --send-only',
				peer: 'ncat',
				run: () => once(ctx.peers.ncat.path, port => ['--send-only', '127.0.0.2', String(port)]),
			},
			{label: 'socat -u', peer: 'socat', run: () => once(ctx.peers.socat.path, port => ['-u', 'STDIN', `TCP:127.0.0.2:${port}`])},
		],
	);
}
