// --exec-each CMD: every peer gets its own child running CMD (ncat -k -e), as an ExecRoute bound
// to it. This module decides which routes get a child and waits for all children at the end.
import {maxUdpPayload} from '../net/udp.js';
import type {Route, RouteSink} from '../router/route.js';
import {ExecRoute} from './exec-route.js';
import {terminateGraceMs} from './process-group.js';

export interface ExecEachOptions {
	command: string;
	stderrToPeer: boolean;
	/** Where a child's stderr goes when not to its peer: netcrab's stderr, or nowhere (UI). */
	stderr: 'inherit' | 'ignore';
}

export interface ExecEachHost {
	sink: RouteSink;
	addBoundPair(peer: Route, child: Route): void;
}

export class ExecEach {
	private readonly children = new Set<ExecRoute>();

	constructor(
		private readonly options: ExecEachOptions,
		private readonly host: ExecEachHost,
	) {}

	get command(): string {
		return this.options.command;
	}

	/** Every peer connection gets a child; the local IO and the children themselves do not. */
	wants(route: Route): boolean {
		return route.origin !== 'local' && route.protocol !== 'exec';
	}

	/** Starts the peer's child and adds the two to the router together. */
	pair(peer: Route): void {
		const child = new ExecRoute(this.host.sink, {
			command: this.options.command,
			peer,
			stderrToPeer: this.options.stderrToPeer,
			stderr: this.options.stderr,
			...(peer.protocol === 'udp' ? {maxChunk: maxUdpPayload} : {}),
		});
		this.children.add(child);
		void child.gone.then(() => this.children.delete(child));
		this.host.addBoundPair(peer, child);
	}

	/**
	 * Resolves once every child is gone. The router's destroyAll() has already sent each group
	 * SIGTERM (and SIGKILL after the grace); a child whose output a stray process keeps open is
	 * not waited for beyond that.
	 */
	allGone(): Promise<void> {
		if (this.children.size === 0) return Promise.resolve();
		const cap = new Promise<void>(resolve => setTimeout(resolve, terminateGraceMs + 1000));
		return Promise.race([Promise.all([...this.children].map(child => child.gone)).then(() => {}), cap]);
	}
}
