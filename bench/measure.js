// What every scenario shares: running contenders interleaved, medians, and the rows of the table.
import {start} from './processes.js';
import {startMetered} from './helpers.js';

export const mb = 1e6;
const MiB = 2 ** 20;
const GiB = 2 ** 30;

export function median(values) {
	const sorted = values.filter(value => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to our process only. */
export function ourCommand(ctx, args) {
	return [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ctx.cli, ...args];
}

export function startOurs(ctx, args, stdio) {
	return start(process.execPath, ourCommand(ctx, args), stdio);
}

/** Ours under the CPU/RSS meter: {handle, usage}. */
export function startOursMetered(ctx, args, stdio) {
	return startMetered(ctx, process.execPath, ourCommand(ctx, args), stdio);
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
 * contender {value, cpuSeconds, peakRss (medians), runs, failures}. measure(contender) resolves
 * {value, cpuSeconds?, peakRss?} or {failure}.
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
			else runs.get(contender).push(result);
			const usage =
				result.cpuSeconds === undefined
					? ''
					: `, ${result.cpuSeconds.toFixed(2)} s CPU, peak RSS ${(result.peakRss / MiB).toFixed(0)} MiB`;
			ctx.log(
				`${title} ${contender.label} #${round}: ${result.failure ? `FAILED ${result.failure}` : `${contender.format(result.value)}${usage}`}`,
			);
		}
	}
	return new Map(
		contenders.map(contender => {
			const done = runs.get(contender);
			return [
				contender,
				{
					value: median(done.map(run => run.value)),
					cpuSeconds: median(done.map(run => run.cpuSeconds)),
					peakRss: median(done.map(run => run.peakRss)),
					runs: done.map(run => run.value),
					failures: failures.get(contender),
				},
			];
		}),
	);
}

export const rate = value => `${(value / mb).toFixed(0)} MB/s`;
const mib = bytes => `${(bytes / MiB).toFixed(0)} MiB`;

export function describe(result, format) {
	if (result.value === undefined) return `failed`;
	const failed = result.failures.length > 0 ? ` (${result.failures.length} failed)` : '';
	return `${format(result.value)}${failed}`;
}

/** One table row comparing our median with one peer's (higher is better unless lowerIsBetter). */
export function comparisonRow(scenario, ours, peer, {minRatio, maxRatio, unavailable} = {}) {
	const row = {
		scenario: scenario.name,
		metric: scenario.metric,
		ours: ours.value,
		oursText: describe(ours, scenario.format),
		peer: peer?.label ?? null,
	};
	const target = minRatio ? `>= ${minRatio}x` : maxRatio ? `<= ${maxRatio}x` : null;
	if (unavailable) return {...row, peerText: `skipped: ${unavailable}`, ratio: null, target, met: null};
	const peerText = describe(peer.result, scenario.format);
	const ratio = ours.value !== undefined && peer.result.value ? ours.value / peer.result.value : null;
	const clean = ours.failures.length === 0 && peer.result.failures.length === 0;
	const withinTarget = minRatio ? ratio >= minRatio : ratio <= maxRatio;
	return {
		...row,
		peerText,
		ratio,
		target,
		met: target ? ratio !== null && withinTarget && ours.failures.length === 0 : null,
		...(clean
			? {}
			: {
					note: [
						...ours.failures.map(text => `ours: ${text}`),
						...peer.result.failures.map(text => `${peer.label}: ${text}`),
					].join('; '),
				}),
	};
}

/** A result's CPU per GiB and peak RSS as results of their own, for rows of those metrics. */
function usageOf(result, bytes) {
	const cpu = {...result, value: result.cpuSeconds === undefined ? undefined : result.cpuSeconds / (bytes / GiB)};
	return {cpu, rss: {...result, value: result.peakRss}};
}

/**
 * Builds the rows of a throughput scenario: ours against each peer (rate, and CPU s/GiB and peak RSS
 * in the same cell when metered), with a target per peer; then, for the peer named in cpuTarget,
 * a CPU s/GiB row, and a peak RSS row against maxRss.
 */
export async function throughputScenario(ctx, scenario, ourContenders, peerContenders) {
	const available = peerContenders.filter(peer => ctx.peers[peer.peer]);
	const contenders = [...ourContenders, ...available].map(contender => ({format: rate, ...contender}));
	const results = await measureAll(ctx, scenario.name, contenders, contender => contender.run());
	const withUsage = result => {
		const {cpu, rss} = usageOf(result, scenario.bytes);
		const extra = cpu.value === undefined ? '' : `, ${cpu.value.toFixed(2)} s/GiB, ${mib(rss.value)}`;
		return value => `${rate(value)}${extra}`;
	};
	const rows = [];
	for (const ours of contenders.filter(contender => !contender.peer)) {
		const name = `${scenario.name}${ours.variant ? ` (${ours.variant})` : ''}`;
		const oursResult = results.get(ours);
		for (const peer of peerContenders) {
			const peerContender = contenders.find(contender => contender.label === peer.label);
			const peerResult = peerContender && results.get(peerContender);
			const row = comparisonRow(
				{name, metric: scenario.metric, format: withUsage(oursResult)},
				oursResult,
				peerContender ? {label: peer.label, result: peerResult} : {label: peer.label},
				{
					minRatio: ours.targets?.[peer.label],
					...(peerContender ? {} : {unavailable: `${peer.peer} not available`}),
				},
			);
			if (peerResult) row.peerText = describe(peerResult, withUsage(peerResult));
			rows.push(row);
		}
		const usage = usageOf(oursResult, scenario.bytes);
		if (usage.cpu.value === undefined) continue;
		const cpuPeer = contenders.find(contender => contender.label === ours.cpuTarget);
		if (cpuPeer) {
			const peerUsage = usageOf(results.get(cpuPeer), scenario.bytes);
			const format = value => `${value.toFixed(2)} s/GiB`;
			rows.push(
				comparisonRow(
					{name, metric: 'CPU s/GiB (user+sys)', format},
					usage.cpu,
					{label: cpuPeer.label, result: peerUsage.cpu},
					{maxRatio: 1.15},
				),
			);
		}
		if (ours.maxRss) {
			const rssPeer = cpuPeer ?? contenders.find(contender => contender.peer);
			const row = comparisonRow(
				{name, metric: 'peak RSS', format: mib},
				usage.rss,
				rssPeer
					? {label: rssPeer.label, result: usageOf(results.get(rssPeer), scenario.bytes).rss}
					: {label: null, result: {value: undefined, failures: []}},
			);
			rows.push({
				...row,
				ratio: null,
				target: `<= ${mib(ours.maxRss)}`,
				met: usage.rss.value !== undefined && usage.rss.value <= ours.maxRss && usage.rss.failures.length === 0,
			});
		}
	}
	return rows;
}

export function exact(done, bytes, count = 1) {
	const connections = done.connections ?? [];
	const bad = connections.filter(connection => connection.bytes !== bytes || !connection.ok);
	if (connections.length !== count || bad.length > 0) {
		return {
			failure: `not byte-exact: ${bad.length} of ${count} receivers got ${bad.map(item => `${item.bytes} bytes${item.ok ? '' : ' (corrupt)'}`).join(', ') || 'nothing'}`,
		};
	}
	return undefined;
}
