#!/usr/bin/env node
// `npm run bench`: sets up the peers, runs every scenario against the built CLI, prints the table
// and writes docs/benchmarks.md and docs/benchmarks.json.
//   BENCH_QUICK=1      reduced sizes for a quick check (a minute or two)
//   BENCH_ONLY=1,4     only these scenarios (docs are then left alone, unless BENCH_DOCS=1)
//   BENCH_REPEATS=N    runs per figure (default 3; the median is reported)
//   BENCH_HELPERS=ordinary  only this load helper (bulk, ordinary) for scenarios 1-4
//   BENCH_STREAM_MIB=N, BENCH_HUB_MIB=N, BENCH_IDLE_PEERS=N  override a size (while iterating)
//   BENCH_FORK_MIB=N   bytes per client in the --fork scenario (default 20, quick 4)
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {writePatternFile} from './load.js';
import {setUpPeers} from './peers.js';
import {killAll} from './processes.js';
import {machine, textTable, writeDocs} from './report.js';
import {compileOrdinaryHelper, loadHelper} from './helpers.js';
import {median} from './measure.js';
import {hub, manyPeers, slowConsumer} from './scenarios.js';
import {startup} from './startup.js';
import {receive, relay, send} from './streams.js';
import {tlsRelay} from './tls-relay.js';
import {uiFlood} from './ui-flood.js';
import {captureRelay} from './capture.js';
import {forkRelay} from './fork-relay.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map(text => text.trim())) : undefined;
const MiB = 2 ** 20;
const sizeText = bytes => (bytes >= 2 ** 30 ? `${bytes / 2 ** 30} GiB` : `${bytes / MiB} MiB`);

const sizes = quick
	? {stream: 128 * MiB, hub: 16 * MiB, slowSeconds: 3, idlePeers: 2000, ui: 50 * MiB, forkClients: 50, fork: 4 * MiB}
	: {stream: 2 ** 30, hub: 100 * MiB, slowSeconds: 10, idlePeers: 10_000, ui: 500 * MiB, forkClients: 50, fork: 20 * MiB};
if (process.env.BENCH_STREAM_MIB) sizes.stream = Number(process.env.BENCH_STREAM_MIB) * MiB;
if (process.env.BENCH_HUB_MIB) sizes.hub = Number(process.env.BENCH_HUB_MIB) * MiB;
if (process.env.BENCH_IDLE_PEERS) sizes.idlePeers = Number(process.env.BENCH_IDLE_PEERS);
// BENCH_FORK_MIB: the --fork scenario's bytes per client (the full 20 MiB x 50 is a lot for a shared machine).
if (process.env.BENCH_FORK_MIB) sizes.fork = Number(process.env.BENCH_FORK_MIB) * MiB;
Object.assign(sizes, {streamText: sizeText(sizes.stream), hubText: sizeText(sizes.hub), uiText: sizeText(sizes.ui)});

const log = text => process.stderr.write(`bench: ${text}\n`);

/** Scenarios 1-4 run once per load helper (bulk first, as in earlier runs, then ordinary). */
const perHelper = new Set(['1', '2', '3', '4']);
const scenarios = [
	['1', relay],
	['2', receive],
	['3', send],
	['4', hub],
	['5', slowConsumer],
	['6', manyPeers],
	['7', uiFlood],
	['8', startup],
	['9', captureRelay],
	['10', forkRelay],
	['11', tlsRelay],
];

/** A load helper's own ceiling: source straight to sink, so its figures bound every other. */
async function ceiling(ctx, helper) {
	const runs = [];
	for (let round = 0; round < ctx.repeats; round++) {
		const sink = helper.start('sink', {listen: '127.0.0.2', bytes: sizes.stream});
		const {port} = await sink.waitEvent('listening');
		const source = helper.start('source', {connect: {host: '127.0.0.2', port}, bytes: sizes.stream});
		const done = await sink.waitEvent('done', 300_000);
		runs.push(sizes.stream / done.seconds);
		await Promise.all([source.kill(), sink.kill()]);
	}
	return `${(median(runs) / 1e6).toFixed(0)} MB/s`;
}

async function main() {
	const startedAt = Date.now();
	const cli = path.join(root, 'dist/bundle/cli.cjs');
	if (!existsSync(cli)) throw new Error('dist/bundle/cli.cjs is missing: run `npm run bench` (it builds first)');
	const {peers, notes} = setUpPeers(log);
	for (const note of notes) log(note);
	const work = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'netcrab-bench-'));
	const ctx = {
		cli,
		root,
		peers,
		sizes,
		repeats: Number(process.env.BENCH_REPEATS ?? 3),
		patternFile: path.join(work, 'input.bin'),
		work,
		log,
	};
	const compiled = compileOrdinaryHelper(work);
	if (compiled.note) notes.push(compiled.note);
	ctx.ordinaryBinary = compiled.binary;
	const wantedHelpers = process.env.BENCH_HELPERS ? process.env.BENCH_HELPERS.split(',') : ['bulk', 'ordinary'];
	const helpers = wantedHelpers.filter(kind => kind === 'bulk' || ctx.ordinaryBinary).map(kind => loadHelper(kind, ctx));
	const rows = [];
	try {
		log(`machine: ${JSON.stringify(machine())}`);
		log(`writing ${sizes.streamText} of input for the send scenario`);
		writePatternFile(ctx.patternFile, sizes.stream);
		const ceilings = {};
		for (const helper of helpers) {
			ceilings[helper.label] = await ceiling(ctx, helper);
			log(`${helper.label} ceiling: ${ceilings[helper.label]}`);
		}
		for (const [id, scenario] of scenarios) {
			if (only && !only.has(id)) continue;
			for (const helper of perHelper.has(id) ? helpers : [undefined]) {
				try {
					rows.push(...(await scenario(ctx, helper)));
				} catch (error) {
					log(`scenario ${id} failed: ${error.stack ?? error}`);
					rows.push({
						scenario: `${id} ${scenario.name}${helper ? `, ${helper.label}` : ''}`,
						metric: '—',
						ours: null,
						oursText: `failed: ${String(error.message).split('\n')[0]}`,
						peer: null,
						peerText: null,
						ratio: null,
						target: null,
						met: false,
					});
				}
			}
		}
		console.log(textTable(rows));
		const result = {
			date: new Date().toISOString(),
			machine: machine(),
			quick,
			repeats: ctx.repeats,
			sizes,
			only: only ? [...only].join(',') : undefined,
			sizesText: `relay/receive/send ${sizes.streamText}, hub ${sizes.hubText} per receiver, slow consumer ${sizes.slowSeconds} s, ${sizes.idlePeers} idle peers, UI flood ${sizes.uiText}, --fork ${sizes.forkClients} x ${sizeText(sizes.fork)}`,
			peers,
			notes,
			ceilings,
			durationSeconds: Math.round((Date.now() - startedAt) / 1000),
			rows,
		};
		if (only && process.env.BENCH_DOCS !== '1') log('BENCH_ONLY is set: docs/benchmarks.* left unchanged');
		else {
			writeDocs(path.join(root, 'docs'), result);
			log('wrote docs/benchmarks.md and docs/benchmarks.json');
		}
		log(`done in ${result.durationSeconds} s`);
	} finally {
		killAll();
		rmSync(work, {recursive: true, force: true});
	}
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		killAll();
		process.exit(130);
	});
}

main().catch(error => {
	killAll();
	log(`failed: ${error.stack ?? error}`);
	process.exit(1);
});
