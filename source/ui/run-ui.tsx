// Runs a session with the full-screen UI. Loaded lazily by cli.tsx, so plain mode never loads Ink
// or React. Owns the terminal for the run and gives it back on every way out; when the run ends by
// itself the screen is kept (with the reason) until the user quits.
import './honour-no-color.js';
import {render, type Instance} from 'ink';
import {formatForPath} from '../capture/captures.js';
import {describeError} from '../errors.js';
import type {Options} from '../options.js';
import {Session} from '../session.js';
import {App} from './app.js';
import {summaryLine} from './format.js';
import {KeyController} from './key-controller.js';
import {UiStore} from './store.js';
import {StatusRow} from './status-row.js';
import {TerminalScreen} from './terminal.js';

/** The UI's point is to pick among peers: without -m a listener takes 10 clients, not netcat's 1. */
export const uiDefaultMaxClients = 10;

export async function runUi(given: Options): Promise<number> {
	const options = given.maxClientsDefaulted ? {...given, maxClients: Math.max(given.maxClients, uiDefaultMaxClients)} : given;
	const {stdin, stdout, stderr} = process;
	let store: UiStore | undefined;
	const session = new Session(options, {stdin, output: undefined, readStdin: false, keepOnEnd: end => store?.sessionEnded(end)});
	store = new UiStore(session.router, {
		scrollback: options.scrollback,
		verbose: options.verbose,
		crlf: options.crlf,
		inputMode: options.inputMode === 'stdin-nochar' ? 'line' : 'keys',
		columns: stdout.columns || 80,
		rows: stdout.rows || 24,
		protocol: options.udp ? 'UDP' : 'TCP',
		sources: {listeners: () => session.listening, targets: () => session.targetStates()},
		sendLocal: data => session.sendLocal(data),
		stats: options.stats,
		capture: {
			start: path =>
				session.captures.start({
					path,
					format: formatForPath(path),
					...(options.captureMax ? {maxBytes: options.captureMax.bytes, maxText: options.captureMax.text} : {}),
				}),
			stopAll: () => session.captures.stopAll(),
			status: () => session.captures.status(),
		},
		endpoints: {
			open: text => session.endpoints.open(text),
			closeListener: address => session.endpoints.closeListener(address),
			setMaxClients: (address, text) => session.endpoints.setMaxClients(address, text),
			maxClientsOf: address => session.endpoints.maxClientsOf(address),
		},
	});
	const ui = store;
	// Listen and start connecting first: an error there is a plain one-line message, no UI.
	try {
		await session.start();
	} catch (error) {
		ui.dispose();
		session.stop(1);
		throw error;
	}

	// The first frame shows the listeners and targets just started, instead of the store's snapshot
	// from before the start (then a second frame a tick later).
	ui.flush();
	const terminal = new TerminalScreen(stdin, stdout);
	const statusRow = new StatusRow(stdout, ui.getSnapshot);
	const unsubscribeStatus = ui.subscribe(() => statusRow.update());
	// After the run ended by itself, leaving exits with its status (1 when every target failed).
	// Ctrl-C is a key here (raw mode), not SIGINT, but ends a running session the same way: 130.
	const quit = () => session.stop(ui.sessionEnd?.code ?? 130);
	const stop = (code: number) => () => session.stop(code);
	let renderError: unknown;
	let instance: Instance | undefined;
	const draw = () => {
		// Not incrementalRendering: with Ink 6.8 it left stale copies of the status bar on screen when
		// the layout shifted (seen in the pty harness), so each frame is drawn whole.
		const drawn = render(<App store={ui} statusBar={false} />, {
			stdout: statusRow.inkStdout,
			stderr,
			exitOnCtrlC: false,
			patchConsole: false,
			maxFps: 30,
		});
		drawn.waitUntilExit().catch((error: unknown) => {
			renderError = error;
			session.stop(1);
		});
		instance = drawn;
	};
	// Ink redraws only what changed since its last frame: a screen someone else wrote on (`wall`,
	// a resumed job) is drawn whole by a new Ink instance on a wiped screen.
	const redraw = () => {
		if (terminal.isSuspended) return;
		instance?.unmount();
		terminal.clear();
		statusRow.invalidate();
		ui.setSize(stdout.columns || 80, stdout.rows || 24);
		draw();
	};
	const suspend = () => {
		if (terminal.isSuspended) return;
		instance?.unmount();
		instance = undefined;
		statusRow.pause(true);
		terminal.suspend();
		// Our SIGTSTP handler replaced the default action: stop the way the shell expects.
		process.kill(process.pid, 'SIGSTOP');
	};
	const resumed = () => {
		if (!terminal.resume()) return;
		statusRow.pause(false);
		redraw();
	};
	const signals: Array<[NodeJS.Signals, () => void]> = [
		['SIGINT', stop(130)],
		['SIGTERM', stop(143)],
		['SIGHUP', stop(129)],
		['SIGQUIT', stop(131)],
		['SIGTSTP', suspend],
		['SIGCONT', resumed],
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

	const keys = new KeyController(ui, {quit, redraw, suspend}, options.crlf);
	const onKeys = (chunk: Buffer) => keys.handle(chunk);
	terminal.enter();
	stdin.on('data', onKeys);
	// React renders this first frame within this turn of the event loop, before any peer's bytes are
	// read: its cold code (layout engine, render path) stalls no traffic. It replaces a warm-up frame
	// drawn nowhere before the start, which cost a fifth of the time to the first frame.
	draw();
	// A full redraw at the new size: Ink forgets what it drew, the screen is wiped, the store re-lays out.
	const onResize = () => {
		if (terminal.isSuspended) return;
		instance?.clear();
		terminal.clear();
		statusRow.invalidate();
		ui.setSize(stdout.columns || 80, stdout.rows || 24);
	};
	stdout.on('resize', onResize);

	const code = await session.done;
	stdout.off('resize', onResize);
	stdin.off('data', onKeys);
	unsubscribeStatus();
	statusRow.pause(true);
	instance?.unmount();
	ui.dispose();
	terminal.restore();
	for (const [signal, handler] of signals) process.off(signal, handler);
	process.off('exit', lastResort);
	process.off('uncaughtException', crashed);
	process.off('unhandledRejection', crashed);
	if (renderError !== undefined) throw new Error(`the screen could not be drawn: ${describeError(renderError)}`);
	// What happened stays readable in the shell: the totals, and the last error if there was one.
	const totals = session.router.totalCounters();
	stderr.write(`${summaryLine(ui.peersSeenCount(), totals.bytesIn, totals.bytesOut)}\n`);
	if (ui.lastError) stderr.write(`netcrab-tui: ${ui.lastError}\n`);
	return code;
}
