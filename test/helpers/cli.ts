// Runs the built CLI as a child process and waits on what it prints, never on a fixed sleep.
import {spawn, type ChildProcess} from 'node:child_process';
import type {TestContext} from 'node:test';
import {Condition} from './condition.js';
import {fileURLToPath} from 'node:url';

/** The command as shipped: the esbuild bundle (`npm run build` makes it after tsc). */
export const cliPath = fileURLToPath(new URL('../../bundle/cli.cjs', import.meta.url));
/** The same program as tsc compiled it, module by module (for the import-graph test). */
export const unbundledCliPath = fileURLToPath(new URL('../../source/cli.js', import.meta.url));

export interface RunningCli {
	child: ChildProcess;
	/** Everything written to stderr so far. */
	stderr(): string;
	/** Everything written to stdout so far. */
	stdout(): Buffer;
	/** Resolves with the first match of pattern in stderr (waits for it to appear). */
	waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	/** Resolves with check()'s first defined result, checked whenever stderr or stdout grow. */
	waitUntil<T>(check: () => T | undefined, what: string, timeoutMs?: number): Promise<T>;
	/** Resolves when stdout holds at least `length` bytes. */
	waitForStdout(length: number, timeoutMs?: number): Promise<Buffer>;
	/** The port of the n-th "Listening on" line. */
	listeningPort(index?: number): Promise<number>;
	exit: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	kill(): void;
}

/** stdin: a pipe, /dev/null ('ignore'), an open file descriptor or socket, or 'closed' (no fd 0 at all). */
export function startCli(
	args: string[],
	{stdin = 'pipe'}: {stdin?: 'pipe' | 'ignore' | 'closed' | number | import('node:net').Socket} = {},
): RunningCli {
	const child =
		stdin === 'closed'
			? spawn('/bin/sh', ['-c', 'exec "$0" "$@" <&-', process.execPath, cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
			: spawn(process.execPath, [cliPath, ...args], {stdio: [stdin, 'pipe', 'pipe']});
	let stderr = '';
	const stdoutChunks: Buffer[] = [];
	let stdoutLength = 0;
	const changed = new Condition();
	const wake = () => changed.notify();
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (text: string) => {
		stderr += text;
		wake();
	});
	child.stdout!.on('data', (chunk: Buffer) => {
		stdoutChunks.push(chunk);
		stdoutLength += chunk.length;
		wake();
	});
	const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.on('close', (code, signal) => {
			wake();
			resolve({code, signal});
		});
	});
	let exited = false;
	void exit.then(() => {
		exited = true;
	});

	const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
		changed.until(check, what, {timeoutMs, failed: () => (exited ? 'CLI exited' : undefined), seen: () => `stderr:\n${stderr}`});

	const running: RunningCli = {
		child,
		stderr: () => stderr,
		stdout: () => Buffer.concat(stdoutChunks),
		waitUntil: (check, what, timeoutMs = 10_000) => waitFor(check, what, timeoutMs),
		waitForStderr: (pattern, timeoutMs = 10_000) =>
			waitFor(() => stderr.match(pattern) ?? undefined, `stderr to match ${pattern}`, timeoutMs),
		waitForStdout: (length, timeoutMs = 10_000) =>
			waitFor(() => (stdoutLength >= length ? Buffer.concat(stdoutChunks) : undefined), `${length} bytes on stdout`, timeoutMs),
		listeningPort: async (index = 0) => {
			const pattern = /Listening on (?:\[[^\]]+\]|[^\s:]+):(\d+)/g;
			const matches = await waitFor(
				() => {
					const all = [...stderr.matchAll(pattern)];
					return all.length > index ? all : undefined;
				},
				`listening line ${index}`,
				10_000,
			);
			return Number(matches[index]![1]);
		},
		exit,
		kill: () => {
			if (!exited) child.kill('SIGKILL');
		},
	};
	return running;
}

/** Runs the CLI to completion with the given stdin bytes. */
export async function runCli(
	args: string[],
	input?: Buffer | string,
	timeoutMs = 20_000,
): Promise<{code: number | null; stdout: Buffer; stderr: string}> {
	const running = startCli(args);
	const timer = setTimeout(() => running.kill(), timeoutMs);
	running.child.stdin!.on('error', () => {});
	running.child.stdin!.end(input);
	const {code} = await running.exit;
	clearTimeout(timer);
	return {code, stdout: running.stdout(), stderr: running.stderr()};
}

/** startCli, killed when the test ends. */
export function startCliFor(t: TestContext, args: string[]): RunningCli {
	const running = startCli(args);
	t.after(() => running.kill());
	return running;
}
