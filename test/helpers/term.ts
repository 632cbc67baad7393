// Runs the built CLI in a real pseudo-terminal (node-pty) with a headless xterm as the screen, and
// waits on what the screen shows, never on fixed sleeps. The CLI runs under `sh`, which prints the
// exit status and `stty -a` afterwards, so a test can see the terminal modes it left behind.
import {execFileSync} from 'node:child_process';
import xterm from '@xterm/headless';
import pty from '@lydell/node-pty';
import {cliPath} from './cli.js';
import {Condition} from './condition.js';

export interface PtyRun {
	term: xterm.Terminal;
	/** Types into the terminal. */
	type(data: string): void;
	/** The visible screen, one string per row, right-trimmed. */
	rows(): string[];
	screen(): string;
	/** Everything the program wrote to the terminal, raw. */
	output(): string;
	/** Waits until the screen matches (a text, a pattern, or a check of the rows). */
	waitForScreen(pattern: RegExp | string | ((rows: string[]) => boolean), timeoutMs?: number): Promise<string>;
	/** Resolves when the shell around the CLI ended. */
	exited: Promise<void>;
	/** Process id of the CLI itself (the shell's child). */
	cliPid(): number;
	resize(columns: number, rows: number): void;
	kill(): void;
	titles: string[];
}

/** The environment of a CLI run in a pty: no CI variables (Ink would draw only its last frame), TERM=xterm-256color. */
export function testEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		// Ink draws only the last frame when it believes it runs in CI.
		if (value === undefined || name === 'CI' || name.startsWith('CI_') || name === 'CONTINUOUS_INTEGRATION') continue;
		if (name === 'NO_COLOR' || name === 'FORCE_COLOR') continue;
		env[name] = value;
	}
	env['TERM'] = 'xterm-256color';
	return env;
}

export function startInPty(
	args: string[],
	{columns = 100, rows = 30, env = {}}: {columns?: number; rows?: number; env?: Record<string, string>} = {},
): PtyRun {
	const term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const script = '"$0" "$@"; code=$?; echo; echo "EXIT=$code"; stty -a';
	const child = pty.spawn('/bin/sh', ['-c', script, process.execPath, cliPath, ...args], {
		// node-pty sets TERM to `name`, so a test's TERM must go here.
		name: env['TERM'] ?? 'xterm-256color',
		cols: columns,
		rows,
		env: {...testEnv(), ...env},
	});
	let raw = '';
	const titles: string[] = [];
	term.onTitleChange(title => titles.push(title));
	const changed = new Condition();
	let done = false;
	child.onData(data => {
		raw += data;
		term.write(data, () => changed.notify());
	});
	const exited = new Promise<void>(resolve => {
		child.onExit(() => {
			done = true;
			// Let xterm finish parsing what arrived last before anyone reads the screen.
			term.write('', () => {
				changed.notify();
				resolve();
			});
		});
	});
	const rowsOf = () => {
		const buffer = term.buffer.active;
		return Array.from({length: term.rows}, (_, index) => buffer.getLine(buffer.viewportY + index)?.translateToString(true) ?? '');
	};
	const run: PtyRun = {
		term,
		titles,
		type: data => child.write(data),
		rows: rowsOf,
		screen: () => rowsOf().join('\n'),
		output: () => raw,
		exited,
		cliPid: () =>
			Number(
				execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], {encoding: 'utf8'})
					.trim()
					.split('\n')[0],
			),
		resize: (newColumns, newRows) => {
			term.resize(newColumns, newRows);
			child.resize(newColumns, newRows);
		},
		kill: () => {
			if (!done) child.kill('SIGKILL');
		},
		waitForScreen: (pattern, timeoutMs = 10_000) =>
			changed.until(
				() => {
					const text = run.screen();
					const matched =
						typeof pattern === 'string'
							? text.includes(pattern)
							: typeof pattern === 'function'
								? pattern(run.rows())
								: pattern.test(text);
					return matched ? text : undefined;
				},
				`the screen to show ${pattern}`,
				{timeoutMs, failed: () => (done ? 'program ended' : undefined), seen: () => `screen:\n${run.screen()}`},
			),
	};
	return run;
}
