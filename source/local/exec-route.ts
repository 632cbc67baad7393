// --exec-each: one child process per peer, as a route of its own. The child is paired with its
// peer (a bound pair, see router/bound-pair-rules.ts), so the router forwards the peer's bytes to
// the child's stdin and the child's output back to that peer only, with the same backpressure and
// FIN rules as any channel: the router never learns that a process is involved.
//
// - stdout (and stderr with --exec-stderr) closing is the child's FIN: the peer is half-closed.
// - The child exiting (and its output read to the end) removes the route: the peer is then closed.
// - destroy() (the peer was aborted, the run ends) terminates the child's whole process group:
//   SIGTERM, then SIGKILL after a grace period (local/process-group.ts).
// - Over UDP each chunk read from the child goes out as one datagram: a chunk is what one read of
//   the pipe returns (what the child wrote at once, up to 64 KiB), cut at the largest UDP payload.
import {ChunkBudget} from '../router/chunk-budget.js';
import {spawn, type ChildProcess} from 'node:child_process';
import type {Readable, Writable} from 'node:stream';
import {hostOf} from '../address.js';
import type {Route, RouteId, RouteInfo, RouteSink} from '../router/route.js';
import {terminateGroup} from './process-group.js';

export interface ExecRouteOptions {
	command: string;
	/** The peer this child serves: its addresses and protocol go into the environment. */
	peer: RouteInfo;
	/** Send the child's stderr to the peer as well. */
	stderrToPeer: boolean;
	/** Without stderrToPeer: where the child's stderr goes (netcrab's stderr, or nowhere in the UI). */
	stderr: 'inherit' | 'ignore';
	/** Largest chunk handed to the router at once (a UDP datagram). */
	maxChunk?: number;
}

/** The environment a child gets, as ncat gives NCAT_REMOTE_ADDR and friends. */
export function peerEnvironment(peer: RouteInfo): Record<string, string> {
	// A Unix socket's address is a path, with no port.
	const port = (address: string) => (peer.protocol === 'unix' ? '' : address.slice(address.lastIndexOf(':') + 1));
	const host = (address: string) => (peer.protocol === 'unix' ? address : hostOf(address));
	return {
		NETCRAB_PEER_ADDR: host(peer.peer),
		NETCRAB_PEER_PORT: port(peer.peer),
		NETCRAB_LOCAL_ADDR: host(peer.local),
		NETCRAB_LOCAL_PORT: port(peer.local),
		NETCRAB_PROTO: peer.protocol.toUpperCase(),
	};
}

export class ExecRoute implements Route {
	readonly id: RouteId;
	readonly protocol = 'exec';
	readonly origin = 'outbound';
	readonly local: string;
	readonly peer: string;
	readonly peerHost = '';
	readonly family = undefined;
	readonly child: NonNullable<RouteInfo['child']>;
	/** Resolves once the child exited and its output was read to the end. */
	readonly gone: Promise<void>;
	private readonly process: ChildProcess;
	private readonly stdin: Writable;
	private readonly outputs: Readable[];
	private error: Error | undefined;
	private finished = false;
	private terminating = false;

	/** Chunks queued on the child's stdin are capped too (router/chunk-budget.ts). */
	private readonly budget: ChunkBudget;

	constructor(
		private readonly router: RouteSink,
		options: ExecRouteOptions,
	) {
		this.id = router.allocateId();
		this.process = spawn(options.command, {
			shell: true,
			detached: true,
			env: {...process.env, ...peerEnvironment(options.peer)},
			stdio: ['pipe', 'pipe', options.stderrToPeer ? 'pipe' : options.stderr],
		});
		this.child = {
			command: options.command,
			servedPeer: `#${options.peer.id} ${options.peer.peer}`,
			...(this.process.pid !== undefined ? {pid: this.process.pid} : {}),
		};
		this.local = this.process.pid !== undefined ? `pid ${this.process.pid}` : 'no pid';
		this.peer = options.command;
		this.stdin = this.process.stdin!;
		this.outputs = [this.process.stdout!, ...(options.stderrToPeer ? [this.process.stderr!] : [])];
		let resolveGone!: () => void;
		this.gone = new Promise(resolve => (resolveGone = resolve));

		// A child that stops reading (or exits) makes writes fail; its exit is what ends the route.
		this.stdin.on('error', () => {});
		this.stdin.on('drain', () => router.drained(this.id));
		this.budget = new ChunkBudget(() => router.drained(this.id));
		const deliver = this.deliverer(options.maxChunk);
		let open = this.outputs.length;
		for (const output of this.outputs) {
			output.on('data', deliver);
			output.on('end', () => {
				if (--open === 0) router.peerEnded(this.id);
			});
		}
		this.process.on('error', error => {
			this.error = new Error(`cannot run "${options.command}": ${error.message}`);
			this.child.status = this.error.message;
			this.finish(resolveGone);
		});
		this.process.on('close', (code, signal) => {
			this.child.status = signal ? `killed by ${signal}` : `exited with status ${code}`;
			this.finish(resolveGone);
		});
	}

	write(data: Buffer): boolean {
		if (!this.stdin.writable) return true;
		return this.budget.afterWrite(this.stdin.write(data, this.budget.written));
	}

	pause(): void {
		for (const output of this.outputs) output.pause();
	}

	resume(): void {
		for (const output of this.outputs) output.resume();
	}

	/** The peer finished sending: the child sees end of file. */
	end(onFlushed?: () => void): void {
		if (onFlushed) {
			if (this.stdin.writableFinished || this.stdin.destroyed) onFlushed();
			else {
				let called = false;
				const done = () => {
					if (called) return;
					called = true;
					onFlushed();
				};
				this.stdin.once('finish', done);
				this.stdin.once('close', done);
			}
		}
		if (!this.stdin.writableEnded) this.stdin.end();
	}

	/** Terminates the child and everything it started; the route leaves once it is gone. */
	destroy(): void {
		this.stdin.destroy();
		if (this.finished || this.terminating || this.process.pid === undefined) return;
		this.terminating = true;
		void terminateGroup(this.process.pid);
	}

	private deliverer(maxChunk: number | undefined): (data: Buffer) => void {
		if (maxChunk === undefined) return data => this.router.receive({routeId: this.id, data});
		return data => {
			for (let offset = 0; offset < data.length; offset += maxChunk) {
				this.router.receive({routeId: this.id, data: data.subarray(offset, offset + maxChunk)});
			}
		};
	}

	private finish(resolveGone: () => void): void {
		if (this.finished) return;
		this.finished = true;
		resolveGone();
		this.router.removeRoute(this.id, this.error);
	}
}
