// Scenario 7 (second part): key to screen. How long a typed character takes to reach the terminal
// from the UI when idle, and how long Ctrl-T takes to change the input line; compared with the
// terminal's own echo of `cat` in the same kind of pseudo-terminal (the floor any program meets).
import {median, ourCommand} from './scenarios.js';
import {now, sleep} from './processes.js';

const keys = 'abcdefghijklmnopqrst';

function percentile(values, fraction) {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Spawns in a pty; `until(text)` resolves with the time the output first contains it after `from`. */
function spawn(pty, command, args, ctx) {
	const terminal = pty.spawn(command, args, {
		name: 'xterm-256color',
		cols: 100,
		rows: 30,
		cwd: ctx.root,
		env: {...process.env, TERM: 'xterm-256color'},
	});
	let output = '';
	const waiters = new Set();
	terminal.onData(data => {
		output += data;
		if (output.length > 1 << 20) output = output.slice(-(1 << 16));
		for (const waiter of [...waiters]) waiter();
	});
	const until = (check, timeoutMs = 5000) =>
		new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				waiters.delete(waiter);
				reject(new Error('timed out'));
			}, timeoutMs);
			const waiter = () => {
				if (!check(output)) return;
				clearTimeout(timer);
				waiters.delete(waiter);
				resolve(now());
			};
			waiters.add(waiter);
			waiter();
		});
	return {terminal, until, mark: () => (output = '')};
}

async function typeAndTime(session, key, expected) {
	session.mark();
	const typed = now();
	session.terminal.write(key);
	return (await session.until(output => output.includes(expected))) - typed;
}

async function oursOnce(ctx, pty) {
	const session = spawn(pty, process.execPath, ourCommand(ctx, ['-L', '127.0.0.1:0', '-i', 'stdin-nochar']), ctx);
	try {
		await session.until(output => output.includes('F1 help'), 15_000);
		await sleep(300);
		const typing = [];
		let line = '';
		for (const key of keys) {
			line += key;
			typing.push(await typeAndTime(session, key, line));
			await sleep(60);
		}
		const toggles = [];
		for (let round = 0; round < 10; round++) {
			toggles.push(await typeAndTime(session, '\x14', round % 2 === 0 ? '[keys]' : '[line]'));
			await sleep(60);
		}
		return {typing, toggles};
	} finally {
		session.terminal.kill('SIGKILL');
	}
}

async function catOnce(ctx, pty) {
	const session = spawn(pty, 'cat', [], ctx);
	try {
		await sleep(200);
		const typing = [];
		for (const key of keys) {
			typing.push(await typeAndTime(session, key, key));
			await sleep(60);
		}
		return typing;
	} finally {
		session.terminal.kill('SIGKILL');
	}
}

export async function keyToScreen(ctx, pty, scenario) {
	const ours = [];
	const toggles = [];
	const cat = [];
	for (let round = 1; round <= ctx.repeats; round++) {
		const run = await oursOnce(ctx, pty);
		ours.push(...run.typing);
		toggles.push(...run.toggles);
		cat.push(...(await catOnce(ctx, pty)));
	}
	const catMedian = median(cat);
	ctx.log(
		`7 key to screen: typed key median ${median(ours)?.toFixed(1)} ms, p99 ${percentile(ours, 0.99)?.toFixed(1)} ms; Ctrl-T median ${median(toggles)?.toFixed(1)} ms; cat echo median ${catMedian?.toFixed(2)} ms`,
	);
	const row = (metric, value, target, met) => ({
		scenario,
		metric,
		ours: value ?? null,
		oursText: value === undefined ? 'failed' : `${value.toFixed(1)} ms`,
		peer: 'cat (terminal echo)',
		peerText: catMedian === undefined ? null : `${catMedian.toFixed(2)} ms (median)`,
		ratio: null,
		target,
		met: value !== undefined && met(value),
	});
	// One frame at the UI's 30 frames/s is 33 ms.
	return [
		row('typed key to screen, idle, median', median(ours), '<= 33 ms', value => value <= 33),
		row('typed key to screen, idle, p99', percentile(ours, 0.99), '<= 33 ms', value => value <= 33),
		row('Ctrl-T to screen, median', median(toggles), '<= 33 ms', value => value <= 33),
	];
}
