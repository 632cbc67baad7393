// Runs a session with the full-screen UI. Loaded lazily by cli.tsx, so plain mode never loads Ink
// or React. Owns the terminal for the run and gives it back on every way out.
import './honour-no-color.js';
import {Writable} from 'node:stream';
import {render} from 'ink';
import {formatForPath} from '../capture/captures.js';
import {describeError} from '../errors.js';
import type {Options} from '../options.js';
import {Session} from '../session.js';
import {App} from './app.js';
import {summaryLine} from './format.js';
import {KeyController} from './key-controller.js';
import {UiStore} from './store.js';
import {TerminalScreen} from './terminal.js';

export async function runUi(options: Options): Promise<number> {
	const {stdin, stdout, stderr} = process;
	const session = new Session(options, {stdin, output: undefined, readStdin: false});
	const store = new UiStore(session.router, {
		scrollback: options.scrollback,
		verbose: options.verbose,
		crlf: options.crlf,
		inputMode: options.inputMode === 'stdin-nochar' ? 'line' : 'keys',
		columns: stdout.columns || 80,
		rows: stdout.rows || 24,
		protocol: options.udp ? 'UDP' : 'TCP',
		sources: {listeners: () => session.listening, targets: () => session.targetStates()},
		sendLocal: data => session.sendLocal(data),
		capture: {
			start: path => session.captures.start({path, format: formatForPath(path), ...(options.captureMax ? {maxBytes: options.captureMax.bytes, maxText: options.captureMax.text} : {})}),
			stopAll: () => session.captures.stopAll(),
			status: () => session.captures.status(),
		},
	});
	warmUpRenderer(store);
	// Listen and start connecting first: an error there is a plain one-line message, no UI.
	try {
		await session.start();
	} catch (error) {
		store.dispose();
		session.stop(1);
		throw error;
	}

	const terminal = new TerminalScreen(stdin, stdout);
	const stop = (code: number) => () => session.stop(code);
	const signals: Array<[NodeJS.Signals, () => void]> = [
		['SIGINT', stop(130)],
		['SIGTERM', stop(143)],
		['SIGHUP', stop(129)],
	];
	const lastResort = () => terminal.restore();
	const crashed = (error: unknown) => {
		terminal.restore();
		stderr.write(`netcrab-tui: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	};
	for (const [signal, handler] of signals) process.on(signal, handler);
	process.on('exit', lastResort);
	process.on('uncaughtException', crashed);
	process.on('unhandledRejection', crashed);
	// Writes to a terminal that went away (SSH dropped) must not crash the shutdown.
	const ignore = () => {};
	stdout.on('error', ignore);

	const keys = new KeyController(store, {quit: stop(0)}, options.crlf);
	const onKeys = (chunk: Buffer) => keys.handle(chunk);
	terminal.enter();
	stdin.on('data', onKeys);
	// Not incrementalRendering: with Ink 6.8 it left stale copies of the status bar on screen when
	// the layout shifted (seen in the pty harness), so each frame is drawn whole.
	const instance = render(<App store={store} />, {stdout, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 30});
	// A full redraw at the new size: Ink forgets what it drew, the screen is wiped, the store re-lays out.
	const onResize = () => {
		instance.clear();
		terminal.clear();
		store.setSize(stdout.columns || 80, stdout.rows || 24);
	};
	stdout.on('resize', onResize);
	let renderError: unknown;
	instance.waitUntilExit().catch((error: unknown) => {
		renderError = error;
		session.stop(1);
	});

	const code = await session.done;
	stdout.off('resize', onResize);
	stdin.off('data', onKeys);
	instance.unmount();
	store.dispose();
	terminal.restore();
	for (const [signal, handler] of signals) process.off(signal, handler);
	process.off('exit', lastResort);
	process.off('uncaughtException', crashed);
	process.off('unhandledRejection', crashed);
	if (renderError !== undefined) throw new Error(`the screen could not be drawn: ${describeError(renderError)}`);
	const totals = session.router.totalCounters();
	stderr.write(`${summaryLine(store.peersSeenCount(), totals.bytesIn, totals.bytesOut)}\n`);
	return code;
}

/**
 * Draws one frame nowhere before any peer can connect: the first frame pays for compiling the
 * layout engine (WebAssembly) and the render path, and under a flood that stall would delay the
 * first keys typed.
 */
function warmUpRenderer(store: UiStore): void {
	const nowhere = new Writable({write: (_chunk, _encoding, done) => done()});
	const instance = render(<App store={store} />, {stdout: nowhere as NodeJS.WriteStream, stderr: nowhere as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false});
	instance.unmount();
}
