// Scenario 8: start-up, median of 10 (interleaved with the baseline, so the machine's noise hits
// both): `--version` against `node -e ''`, plain mode to the "Listening on" line against node
// starting a bare net server, and the UI's first frame in a pseudo-terminal (an absolute target).
// Runs alone too: `node bench/startup.js` (after `npm run build`) prints the rows as JSON.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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

/** Seconds from spawn to the UI's first frame (the connection list drawn) in a pseudo-terminal. */
async function untilFirstFrame(pty, cli) {
	const started = now();
	const terminal = pty.spawn(process.execPath, [cli, '-L', '127.0.0.1:0'], {
		name: 'xterm-256color',
		cols: 100,
		rows: 30,
		env: {...process.env, TERM: 'xterm-256color'},
	});
	try {
		return await new Promise((resolve, reject) => {
			let output = '';
			const timer = setTimeout(() => reject(new Error(`no frame within 30 s: ${JSON.stringify(output.slice(-200))}`)), 30_000);
			terminal.onData(data => {
				output += data;
				if (output.includes('All peers')) {
					clearTimeout(timer);
					resolve((now() - started) / 1000);
				}
			});
			terminal.onExit(() => reject(new Error(`exited before the first frame: ${JSON.stringify(output.slice(-200))}`)));
		});
	} finally {
		terminal.kill('SIGKILL');
	}
}

/** Runs each pair interleaved `repeats` times; returns medians (and failures) per contender. */
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
	return contenders.map((contender, index) => ({...contender, value: median(runs[index]), failures: failures[index]}));
}

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

export async function startup(ctx) {
	const bare = `require('net').createServer().listen(0, '127.0.0.1', function () { console.error('Listening on 127.0.0.1:' + this.address().port); })`;
	let pty;
	try {
		pty = (await import('@lydell/node-pty')).default;
	} catch {
		ctx.log('8 start-up: @lydell/node-pty not installed, the UI first frame is skipped');
	}
	const [version, nodeOnly, plain, bareServer, frame] = await measure(ctx.log, [
		{label: 'netcrab-tui --version', run: () => untilExit([ctx.cli, '--version'])},
		{label: "node -e ''", run: () => untilExit(['-e', ''])},
		{label: 'netcrab-tui -L', run: () => untilListening([ctx.cli, '-L', '127.0.0.1:0', '-i', 'none'])},
		{label: 'node -e (bare net server)', run: () => untilListening(['-e', bare])},
		...(pty ? [{label: 'UI first frame', run: () => untilFirstFrame(pty, ctx.cli)}] : []),
	]);
	const rows = [row('--version', version, nodeOnly, 1.3), row('plain mode to "Listening on"', plain, bareServer, 1.4)];
	if (!frame)
		return [
			...rows,
			{
				scenario: '8 start-up: UI first frame',
				metric: '—',
				ours: null,
				oursText: 'skipped: @lydell/node-pty not installed',
				peer: null,
				peerText: null,
				ratio: null,
				target: null,
				met: null,
			},
		];
	// The target is absolute; node -e '' beside it shows how loaded the machine was.
	const frameRow = row('UI first frame', frame, nodeOnly);
	return [
		...rows,
		{...frameRow, target: '<= 350 ms', met: frame.value !== undefined && frame.value <= 0.35 && frame.failures.length === 0},
	];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const cli = path.join(fileURLToPath(new URL('..', import.meta.url)), 'dist/bundle/cli.js');
	const rows = await startup({cli: process.argv[2] ?? cli, log: text => process.stderr.write(`bench: ${text}\n`)});
	for (const item of rows)
		console.log(
			`${item.scenario}: ${item.oursText}${item.peer ? ` vs ${item.peer} ${item.peerText} (${item.ratio?.toFixed(2)}x)` : ''}${item.target ? ` target ${item.target} ${item.met ? 'met' : 'NOT met'}` : ''}`,
		);
}
