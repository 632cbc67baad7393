// --fork: each accepted client gets its own connection to the target, dialled when the client
// arrives (socat's TCP-LISTEN:...,fork). The two are added to the router together as a bound pair
// (router/bound-pair-rules.ts says how they end). The dial goes through the session's one dial
// entry point, so every transport a target may name works here too.
//
// | case                                  | what happens                                          |
// |---------------------------------------|-------------------------------------------------------|
// | client accepted                       | it is paused (its bytes wait in the socket) and the   |
// |                                       |   target is dialled                                   |
// | dial succeeds                         | client and upstream are added as a bound pair, the    |
// |                                       |   client resumes: nothing it sent early is lost       |
// | dial fails (refused, timeout, TLS...) | one status line names the client, the target and the  |
// |                                       |   reason; that client alone is closed; listening goes |
// |                                       |   on (socat and ncat --sh-exec also just drop it)     |
// | the run ends while dialling           | the dial is stopped and the client closed             |
// | -m N                                  | at most N clients at once, counted by the listener as |
// |                                       |   without --fork; upstreams do not count              |
import type {TargetSpec} from './address.js';
import type {RuntimeError} from './errors.js';
import type {Route} from './router/route.js';

/** A dial in progress: it can be called off. */
export interface Dialler {
	stop(): void;
}

export interface ForkUpstreamsHost {
	/** Dials a target once (no reconnects): onRoute with the connection, or onDone with why not. */
	dial(target: TargetSpec, handlers: {onRoute(route: Route): void; onDone(error?: RuntimeError): void}): Dialler;
	addBoundPair(client: Route, upstream: Route): void;
	report(level: 'warning', text: string): void;
}

export class ForkUpstreams {
	private readonly dialling = new Map<Route, Dialler>();

	constructor(
		private readonly target: TargetSpec,
		private readonly host: ForkUpstreamsHost,
	) {}

	/** A client was accepted: dial its upstream, then pair the two. */
	accept(client: Route): void {
		// Paused in the same tick it was made in: nothing has been read yet, nothing is dropped.
		client.pause();
		let paired = false;
		const dialler = this.host.dial(this.target, {
			onRoute: upstream => {
				paired = true;
				this.dialling.delete(client);
				this.host.addBoundPair(client, upstream);
				client.resume();
			},
			onDone: error => {
				if (paired || !this.dialling.has(client)) return;
				this.dialling.delete(client);
				const reason = error?.message ?? `cannot connect to ${this.target.text}`;
				this.host.report('warning', `--fork: closed client ${client.peer}: ${reason}`);
				client.destroy();
			},
		});
		if (!paired) this.dialling.set(client, dialler);
	}

	/** The run ends: no more dials, and clients still waiting for one are closed. */
	stop(): void {
		for (const [client, dialler] of this.dialling) {
			dialler.stop();
			client.destroy();
		}
		this.dialling.clear();
	}
}

/**
 * Without --fork, targets are dialled once at start; in a channel mode with listeners, the first
 * client gets that connection and later ones get nothing. Say so once, so it is never a surprise.
 */
export function sharedTargetsNotice(options: {
	fork: boolean;
	listen: readonly unknown[];
	targets: readonly unknown[];
	forwarding: string;
}): string | undefined {
	if (options.fork || options.listen.length === 0 || options.targets.length === 0) return undefined;
	if (options.forwarding !== 'channels' && options.forwarding !== 'linger-channels') return undefined;
	return 'Targets are dialled once at start and shared: each pairs with one client. For one upstream connection per client, use --fork';
}
