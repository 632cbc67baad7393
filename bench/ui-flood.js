// Scenario 7: the UI in a pseudo-terminal (node-pty) while a flood flows in from a peer. Frames
// per second and bytes per second written to the terminal, peak RSS, and the delay from typing a
// line to its bytes reaching the peer. Skipped when the CLI has no UI (source/ui missing).
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {median, ourCommand} from './scenarios.js';
import {memory, now, sleep, start} from './processes.js';
import {keyToScreen} from './ui-keys.js';

const loadPath = fileURLToPath(new URL('load.js', import.meta.url));
/** Output separated by more than this is counted as a new frame. */
const frameGapMs = 5;
const keystrokeEveryMs = 20;

function skipped(reason) {
	return [
		{
			scenario: '7 UI under flood',
			metric: '—',
			ours: null,
			oursText: `skipped: ${reason}`,
			peer: null,
			peerText: null,
			ratio: null,
			target: null,
			met: null,
		},
	];
}

function percentile(values, fraction) {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function floodOnce(ctx, pty) {
	const source = start(process.execPath, [
		loadPath,
		'source',
		JSON.stringify({listen: '127.0.0.1', bytes: ctx.sizes.ui, echoReceived: true}),
	]);
	let terminal;
	try {
		const {port} = await source.waitEvent('listening');
		terminal = pty.spawn(process.execPath, ourCommand(ctx, [`127.0.0.1:${port}`]), {
			name: 'xterm-256color',
			cols: 120,
			rows: 40,
			cwd: ctx.root,
			env: {...process.env, TERM: 'xterm-256color'},
		});
		let output = 0;
		let frames = 0;
		let lastOutput = 0;
		let counting = false;
		terminal.onData(data => {
			const at = now();
			if (counting) {
				output += Buffer.byteLength(data);
				if (at - lastOutput > frameGapMs) frames++;
			}
			lastOutput = at;
		});
		const exited = new Promise(resolve => terminal.onExit(resolve));
		// Typing starts when the load source sees the connection, a moment before the UI has made
		// it a route: the first keys or two go to nobody (the UI logs "sent -> nobody"), which is
		// why the report says how many lines arrived. Latency counts the lines that did.
		const {t: floodStarted} = await source.waitEvent('connected', 15_000);
		counting = true;

		// Type a line every few milliseconds; each is a token the peer must see followed by "\n"
		// (line mode sends on Enter, keystroke mode sends each key and Enter as "\n").
		const typed = new Map();
		let sequence = 0;
		let flooding = true;
		const typing = (async () => {
			while (flooding) {
				const token = `k${sequence++}z`;
				typed.set(token, now());
				terminal.write(`${token}\r`);
				await sleep(keystrokeEveryMs);
			}
		})();
		const {t: floodEnded} = await source.waitEvent('sent', 600_000);
		flooding = false;
		await typing;
		counting = false;
		const seconds = (floodEnded - floodStarted) / 1000;
		const peak = memory(terminal.pid).peak;
		// Lines typed near the end may still be on their way.
		await sleep(500);
		const received = [];
		let text = '';
		for (const event of source.events()) if (event.event === 'received') received.push(event);
		const delays = [];
		for (const event of received) {
			text += event.text;
			for (const match of text.matchAll(/(k\d+z)[\r\n]/g)) {
				const sent = typed.get(match[1]);
				if (sent !== undefined) delays.push(event.t - sent);
				typed.delete(match[1]);
			}
			text = text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);
		}
		terminal.write('\x03');
		await Promise.race([exited, sleep(3000)]);
		return {
			seconds,
			fps: frames / seconds,
			bytesPerSecond: output / seconds,
			peak,
			p99: percentile(delays, 0.99),
			typed: sequence,
			delivered: delays.length,
		};
	} finally {
		try {
			terminal?.kill('SIGKILL');
		} catch {}
		await source.kill();
	}
}

export async function uiFlood(ctx) {
	if (!existsSync(path.join(ctx.root, 'source/ui'))) return skipped('UI not available');
	let pty;
	try {
		pty = (await import('@lydell/node-pty')).default;
	} catch {
		return skipped('@lydell/node-pty not installed (npm ci installs it as a devDependency)');
	}
	const runs = [];
	const failures = [];
	for (let round = 1; round <= ctx.repeats; round++) {
		try {
			const run = await floodOnce(ctx, pty);
			runs.push(run);
			ctx.log(
				`7 UI under flood #${round}: ${run.seconds.toFixed(2)} s, ${run.fps.toFixed(1)} fps, ${(run.bytesPerSecond / 1000).toFixed(0)} KB/s to the terminal, peak RSS ${(run.peak / 1e6).toFixed(0)} MB, p99 keystroke ${run.p99?.toFixed(1)} ms (${run.delivered} of ${run.typed} lines arrived)`,
			);
		} catch (error) {
			failures.push(error.message.split('\n')[0]);
			ctx.log(`7 UI under flood #${round}: FAILED ${error.message}`);
		}
	}
	const scenario = `7 UI under flood, ${ctx.sizes.uiText}`;
	const figure = key => median(runs.map(run => run[key]).filter(value => value !== undefined));
	if (runs.length > 0 && figure('p99') === undefined) failures.push('no typed line reached the peer');
	const row = (metric, value, text, target, met) => ({
		scenario,
		metric,
		ours: value ?? null,
		oursText: value === undefined ? `failed${failures.length ? `: ${failures[0]}` : ''}` : text(value),
		peer: null,
		peerText: null,
		ratio: null,
		target,
		met: target === null ? null : value !== undefined && met(value),
	});
	let keyRows = [];
	try {
		keyRows = await keyToScreen(ctx, pty, '7 UI key to screen');
	} catch (error) {
		ctx.log(`7 key to screen: FAILED ${error.message}`);
	}
	return [
		...keyRows,
		row(
			'frames per second',
			figure('fps'),
			value => value.toFixed(1),
			'<= 30',
			value => value <= 30,
		),
		row(
			'terminal output',
			figure('bytesPerSecond'),
			value => `${(value / 1000).toFixed(0)} KB/s`,
			'< 200 KB/s',
			value => value < 200_000,
		),
		row(
			'keystroke to wire, p99',
			figure('p99'),
			value => `${value.toFixed(1)} ms`,
			'< 50 ms',
			value => value < 50,
		),
		row('peak RSS', figure('peak'), value => `${(value / 1e6).toFixed(0)} MB`, null),
	];
}
