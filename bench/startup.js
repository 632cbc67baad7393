// Scenario 8: start-up, median of 10 (interleaved with the baseline, so the machine's noise hits
// both): `--version` against `node -e ''`, plain mode to the "Listening on" line against node
// starting a bare net server, and the UI's first frame in a pseudo-terminal (an absolute target).
// Runs alone too, after `npm run build`: `node bench/startup.js [CLI] [--against OTHER_CLI]` prints
// the rows; --against measures another build (say main's) in the same rounds, for before/after.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {now, start} from './processes.js';

const format = value => `${(value * 1000).toFixed(0)} ms`;
const repeats = Number(process.env.BENCH_STARTUP_REPEATS ?? 10);

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length === 0 ? undefined : sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Seconds from spawn to exit. */
async function untilExit(args) {
	const started = now();
	const handle = start(process.execPath, args);
	const {code} = await handle.waitExit(30_000);
	if (code !== 0) throw new Error(`exit ${code}: ${handle.stderr().trim().slice(-200)}`);
	return (now() - started) / 1000;
}

/** Seconds from spawn to the first "Listening on" line. */
async function untilListening(args) {
	const started = now();
	const handle = start(process.execPath, args);
	try {
		await handle.waitStderr(/Listening on /g);
		return (now() - started) / 1000;
	} finally {
		await handle.kill();
	}
}

/**
 * Seconds from spawn to what a user sees in a real pseudo-terminal, read from a headless xterm fed
 * with the program's output (each time is when the bytes arrived): `frame`, the first frame (the
 * connection list's "All peers" row and the status bar drawn), and `ready`, the first screen that
 * also shows the listener (a build that draws its first frame before the listener is known shows
 * it a frame later).
 */
async function untilFirstFrame(pty, xterm, cli) {
	const columns = 100;
	const rows = 30;
	const screen = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const started = now();
	const terminal = pty.spawn(process.execPath, [cli, '-L', '127.0.0.1:0'], {
		name: 'xterm-256color',
		cols: columns,
		rows,
		env: {...process.env, TERM: 'xterm-256color'},
	});
	try {
		return await new Promise((resolve, reject) => {
			let output = '';
			let frame;
			const timer = setTimeout(() => reject(new Error(`no frame within 30 s: ${JSON.stringify(output.slice(-200))}`)), 30_000);
			terminal.onData(data => {
				const arrived = (now() - started) / 1000;
				output += data;
				screen.write(data, () => {
					const buffer = screen.buffer.active;
					const row = index => buffer.getLine(buffer.viewportY + index)?.translateToString(true) ?? '';
					if (frame === undefined && row(0).includes('All peers (') && row(rows - 1).includes('F1 help')) frame = arrived;
					if (frame !== undefined && /127\.0\.0\.1:\d+ listening/.test(row(1))) {
						clearTimeout(timer);
						resolve({frame, ready: arrived});
					}
				});
			});
			terminal.onExit(() => reject(new Error(`exited before the first frame: ${JSON.stringify(output.slice(-200))}`)));
		});
	} finally {
		terminal.kill('SIGKILL');
		screen.dispose();
	}
}

/**
 * Runs the contenders interleaved `repeats` times (so the machine's noise hits them all); returns
 * medians (and failures) per contender. A run gives seconds, or an object of named seconds (each
 * then has its own median, in `values`).
 */
async function measure(log, contenders) {
	const runs = contenders.map(() => []);
	const failures = contenders.map(() => []);
	for (let round = 1; round <= repeats; round++) {
		for (const [index, contender] of contenders.entries()) {
			try {
				runs[index].push(await contender.run());
			} catch (error) {
				failures[index].push(error.message.split('\n')[0]);
				log(`8 start-up ${contender.label} #${round}: FAILED ${error.message}`);
			}
		}
	}
	return contenders.map((contender, index) => {
		const named = runs[index].length > 0 && typeof runs[index][0] === 'object';
		const values = named
			? Object.fromEntries(Object.keys(runs[index][0]).map(key => [key, median(runs[index].map(run => run[key]))]))
			: undefined;
		return {...contender, value: named ? undefined : median(runs[index]), values, failures: failures[index]};
	});
}

/** One named figure of a contender whose runs give several. */
const pick = (contender, key, label = contender.label) => ({...contender, label, value: contender.values?.[key]});

function row(name, ours, peer, maxRatio) {
	const ratio = ours.value !== undefined && peer?.value ? ours.value / peer.value : null;
	const failed = [...ours.failures, ...(peer?.failures ?? [])];
	return {
		scenario: `8 start-up: ${name}`,
		metric: `time (median of ${repeats})`,
		ours: ours.value ?? null,
		oursText: ours.value === undefined ? 'failed' : format(ours.value),
		peer: peer?.label ?? null,
		peerText: peer ? (peer.value === undefined ? 'failed' : format(peer.value)) : null,
		ratio,
		target: maxRatio === undefined ? null : `<= ${maxRatio}x`,
		met: maxRatio === undefined ? null : ratio !== null && ratio <= maxRatio && failed.length === 0,
		...(failed.length > 0 ? {note: failed.join('; ')} : {}),
	};
}

/** The three measurements for one build of the command, labelled with `suffix`. */
function contendersFor(cli, suffix, pty, xterm) {
	return {
		version: {label: `netcrab-tui --version${suffix}`, run: () => untilExit([cli, '--version'])},
		plain: {label: `netcrab-tui -L${suffix}`, run: () => untilListening([cli, '-L', '127.0.0.1:0', '-i', 'none'])},
		...(pty && xterm ? {frame: {label: `UI first frame${suffix}`, run: () => untilFirstFrame(pty, xterm, cli)}} : {}),
	};
}

/**
 * ctx.cli: the build measured; ctx.against (optional): an earlier build, measured interleaved with
 * it in the same rounds, for before/after figures (its rows are labelled "(against)").
 */
export async function startup(ctx) {
	const bare = `require('net').createServer().listen(0, '127.0.0.1', function () { console.error('Listening on 127.0.0.1:' + this.address().port); })`;
	let pty;
	let xterm;
	try {
		pty = (await import('@lydell/node-pty')).default;
		xterm = (await import('@xterm/headless')).default;
	} catch {
		ctx.log('8 start-up: @lydell/node-pty or @xterm/headless not installed, the UI first frame is skipped');
	}
	const builds = [{suffix: '', cli: ctx.cli}, ...(ctx.against ? [{suffix: ' (against)', cli: ctx.against}] : [])];
	const perBuild = builds.map(build => contendersFor(build.cli, build.suffix, pty, xterm));
	const baselines = {
		nodeOnly: {label: "node -e ''", run: () => untilExit(['-e', ''])},
		bareServer: {label: 'node -e (bare net server)', run: () => untilListening(['-e', bare])},
	};
	// Each round: each build's --version, then node -e '', each build's plain mode, the bare
	// server, each build's UI.
	const order = [
		...perBuild.map(build => build.version),
		baselines.nodeOnly,
		...perBuild.map(build => build.plain),
		baselines.bareServer,
		...perBuild.flatMap(build => (build.frame ? [build.frame] : [])),
	];
	const results = new Map((await measure(ctx.log, order)).map(result => [result.label, result]));
	const nodeOnly = results.get(baselines.nodeOnly.label);
	const bareServer = results.get(baselines.bareServer.label);
	return builds.flatMap(({suffix}, index) => {
		const build = perBuild[index];
		const rows = [
			row(`--version${suffix}`, results.get(build.version.label), nodeOnly, 1.3),
			row(`plain mode to "Listening on"${suffix}`, results.get(build.plain.label), bareServer, 1.4),
		];
		if (!build.frame)
			return [
				...rows,
				{
					scenario: `8 start-up: UI first frame${suffix}`,
					metric: '—',
					ours: null,
					oursText: 'skipped: @lydell/node-pty or @xterm/headless not installed',
					peer: null,
					peerText: null,
					ratio: null,
					target: null,
					met: null,
				},
			];
		// The target is absolute; node -e '' beside it shows how loaded the machine was.
		const measured = results.get(build.frame.label);
		const frame = pick(measured, 'frame');
		const ready = pick(measured, 'ready');
		const met = value => value !== undefined && value <= 0.35 && measured.failures.length === 0;
		return [
			...rows,
			{...row(`UI first frame${suffix}`, frame, nodeOnly), target: '<= 350 ms', met: met(frame.value)},
			// The first screen that shows the listener too: the same as the first frame when the UI
			// draws it with the session already started.
			{...row(`UI first frame showing the listener${suffix}`, ready, nodeOnly), target: '<= 350 ms', met: met(ready.value)},
		];
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const {values, positionals} = parseArgs({options: {against: {type: 'string'}}, allowPositionals: true});
	const cli = positionals[0] ?? path.join(fileURLToPath(new URL('..', import.meta.url)), 'dist/bundle/cli.cjs');
	const rows = await startup({
		cli,
		...(values.against ? {against: values.against} : {}),
		log: text => process.stderr.write(`bench: ${text}\n`),
	});
	for (const item of rows)
		console.log(
			`${item.scenario}: ${item.oursText}${item.peer ? ` vs ${item.peer} ${item.peerText} (${item.ratio?.toFixed(2)}x)` : ''}${item.target ? ` target ${item.target} ${item.met ? 'met' : 'NOT met'}` : ''}`,
		);
}
