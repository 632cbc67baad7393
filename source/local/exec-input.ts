// -e/--exec: a command run through the shell is the local IO. Its stdout is local input; what the
// router sends to route 0 goes to its stdin. It runs in its own process group so that stop() ends
// a whole pipeline (`sh -c 'a | b'`), not just the shell. A group that ignores SIGTERM gets
// SIGKILL after a grace period, or at once if this process exits first: it never outlives the run.
import {spawn, type ChildProcessByStdio} from 'node:child_process';
import type {Readable, Writable} from 'node:stream';
import type {InputControl} from './local-route.js';
import {signalGroup, terminateGroup} from './process-group.js';

export interface ExecInputOptions {
	onData(data: Buffer): void;
	/** The child is gone and its stdout fully read. */
	onExit(description: string, success: boolean): void;
}

export class ExecInput implements InputControl {
	private readonly child: ChildProcessByStdio<Writable, Readable, null>;
	private exited = false;
	/** The child is gone and its pipes are closed. */
	private closed = false;
	private readonly killOnExit = () => {
		if (this.child.pid !== undefined && !this.closed) signalGroup(this.child.pid, 'SIGKILL');
	};

	constructor(
		readonly command: string,
		private readonly options: ExecInputOptions,
	) {
		this.child = spawn(command, {shell: true, detached: true, stdio: ['pipe', 'pipe', 'inherit']});
		// A child that stops reading (or exits) makes writes fail; its exit is what ends the run.
		this.child.stdin.on('error', () => {});
		// A read error on its stdout ends that output like an end of file would; 'close' follows.
		this.child.stdout.on('error', () => {});
		this.child.on('error', error => this.exit(`cannot run "${command}": ${error.message}`, false));
		process.once('exit', this.killOnExit);
		this.child.on('close', (code, signal) => {
			this.closed = true;
			process.off('exit', this.killOnExit);
			const status = signal ? `killed by ${signal}` : `exited with status ${code}`;
			this.exit(`command "${command}" ${status}`, code === 0);
		});
	}

	/** Where router output for route 0 goes. */
	get stdin(): Writable {
		return this.child.stdin;
	}

	/** Starts reading the child's stdout (when the first peer exists). */
	start(): void {
		this.child.stdout.on('data', (data: Buffer) => this.options.onData(data));
	}

	pause(): void {
		this.child.stdout.pause();
	}

	resume(): void {
		this.child.stdout.resume();
	}

	/** Nothing more will be sent to the child: it sees end of file. */
	endInput(): void {
		if (!this.child.stdin.writableEnded) this.child.stdin.end();
	}

	/**
	 * Terminates the child and whatever it started; its exit is then no news. Resolves once the
	 * group is gone, or once SIGKILL was sent to a group that ignored SIGTERM (process-group.ts).
	 */
	stop(): Promise<void> {
		this.exited = true;
		if (this.child.pid === undefined) return Promise.resolve();
		return terminateGroup(this.child.pid);
	}

	private exit(description: string, success: boolean): void {
		if (this.exited) return;
		this.exited = true;
		this.options.onExit(description, success);
	}
}

/** True for 127.0.0.0/8 and ::1 (also as IPv4-mapped), the addresses no other machine reaches. */
export function isLoopbackAddress(address: string): boolean {
	const bare = address.replace(/^::ffff:/i, '');
	return bare.startsWith('127.') || bare === '::1';
}
