// 10. --fork relay: N concurrent clients each send S bytes through a relay that opens one upstream
// connection per client, to one sink that checks them. Against `socat TCP-LISTEN,fork` and
// `ncat -lk --sh-exec 'ncat HOST PORT'`, which start one or two processes per client, so memory and
// CPU are counted over the relay's whole process tree: CPU seconds from /proc (user + system,
// with the children it reaped), peak RSS as the largest sum over the tree seen while sampling.
import {readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {start, waitListening} from './processes.js';

const loadPath = fileURLToPath(new URL('load.js', import.meta.url));
const ticksPerSecond = 100;
const sampleMs = 50;

function stat(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command (which may hold spaces) start after the last ')'.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return {ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])};
	} catch {
		return undefined;
	}
}

function rss(pid) {
	try {
		return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
	} catch {
		return 0;
	}
}

/** The pid and every live descendant of it. */
function tree(root) {
	const children = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const info = stat(Number(name));
		if (!info) continue;
		if (!children.has(info.ppid)) children.set(info.ppid, []);
		children.get(info.ppid).push(Number(name));
	}
	const pids = [root];
	for (let index = 0; index < pids.length; index++) pids.push(...(children.get(pids[index]) ?? []));
	return pids;
}

/** Samples a process tree's memory until stopped; cpuSeconds() reads its CPU time so far. */
function watchTree(root) {
	let peak = 0;
	const sample = () => {
		const total = tree(root).reduce((sum, pid) => sum + rss(pid), 0);
		peak = Math.max(peak, total);
	};
	sample();
	const timer = setInterval(sample, sampleMs);
	return {
		stop: () => clearInterval(timer),
		peak: () => peak,
		cpuSeconds: () => tree(root).reduce((sum, pid) => sum + (stat(pid)?.cpuTicks ?? 0), 0) / ticksPerSecond,
	};
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length === 0 ? undefined : sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function forkRelay(ctx) {
	const count = ctx.sizes.forkClients;
	const bytes = ctx.sizes.fork;
	const contenders = [
		{
			label: 'netcrab-tui --fork',
			start: sinkPort =>
				start(process.execPath, [
					ctx.cli,
					'-L',
					'127.0.0.1:0',
					'--fork',
					'-m',
					String(count + 10),
					'-i',
					'none',
					'-o',
					'none',
					`127.0.0.1:${sinkPort}`,
				]),
		},
		...(ctx.peers.socat
			? [
					{
						label: 'socat TCP-LISTEN,fork',
						start: sinkPort =>
							start(ctx.peers.socat.path, ['TCP-LISTEN:0,bind=127.0.0.1,fork,backlog=1024', `TCP:127.0.0.1:${sinkPort}`]),
					},
				]
			: []),
		...(ctx.peers.ncat
			? [
					{
						label: "ncat -lk --sh-exec 'ncat'",
						start: sinkPort =>
							start(ctx.peers.ncat.path, [
								'-lk',
								'-m',
								String(count + 10),
								'127.0.0.1',
								'0',
								'--sh-exec',
								`${ctx.peers.ncat.path} 127.0.0.1 ${sinkPort}`,
							]),
					},
				]
			: []),
	];
	const runOnce = async contender => {
		const sink = start(process.execPath, [loadPath, 'sink', JSON.stringify({listen: '127.0.0.1', count, bytes, verify: 'first'})]);
		let relay;
		let clients;
		let watch;
		try {
			const {port: sinkPort} = await sink.waitEvent('listening');
			relay = contender.start(sinkPort);
			const port = await waitListening(relay);
			watch = watchTree(relay.pid);
			clients = start(process.execPath, [loadPath, 'clients', JSON.stringify({connect: {host: '127.0.0.1', port}, count, bytes})]);
			const done = await sink.waitEvent('done', 600_000);
			const bad = done.connections.filter(connection => connection.bytes !== bytes || !connection.ok);
			if (done.connections.length !== count || bad.length > 0)
				return {failure: `${bad.length} of ${count} upstream connections were not byte-exact`};
			await clients.waitEvent('done', 60_000).catch(() => {});
			return {throughput: (count * bytes) / done.seconds, cpu: watch.cpuSeconds(), peak: watch.peak()};
		} finally {
			watch?.stop();
			await Promise.all([clients, relay, sink].filter(Boolean).map(handle => handle.kill()));
		}
	};
	const results = new Map(contenders.map(contender => [contender, []]));
	for (let round = 1; round <= ctx.repeats; round++) {
		for (const contender of contenders) {
			let result;
			try {
				result = await runOnce(contender);
			} catch (error) {
				result = {failure: String(error.message).split('\n')[0]};
			}
			ctx.log(
				`10 fork ${contender.label} #${round}: ${result.failure ? `FAILED ${result.failure}` : `${(result.throughput / 1e6).toFixed(0)} MB/s, ${result.cpu.toFixed(2)} CPU s, ${(result.peak / 1e6).toFixed(1)} MB peak`}`,
			);
			if (!result.failure) results.get(contender).push(result);
		}
	}
	const metrics = [
		{key: 'throughput', metric: 'aggregate throughput', format: value => `${(value / 1e6).toFixed(0)} MB/s`},
		{key: 'cpu', metric: 'CPU seconds (process tree)', format: value => `${value.toFixed(2)} s`},
		{key: 'peak', metric: 'peak RSS (process tree)', format: value => `${(value / 1e6).toFixed(1)} MB`},
	];
	const [ours, ...peers] = contenders;
	const figure = (contender, key) => median(results.get(contender).map(result => result[key]));
	const rows = [];
	for (const {key, metric, format} of metrics) {
		const oursValue = figure(ours, key);
		for (const peer of peers) {
			const peerValue = figure(peer, key);
			rows.push({
				scenario: `10 --fork relay, ${count} clients x ${bytes / 2 ** 20} MiB`,
				metric,
				ours: oursValue ?? null,
				oursText: oursValue === undefined ? 'failed' : format(oursValue),
				peer: peer.label,
				peerText: peerValue === undefined ? 'failed' : format(peerValue),
				ratio: oursValue !== undefined && peerValue ? oursValue / peerValue : null,
				target: null,
				met: null,
			});
		}
	}
	return rows;
}
