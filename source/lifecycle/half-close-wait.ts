// What a peer's FIN (TCP half-close) does to our side of the connection.
//
// | forwarding mode      | local input still open?         | --half-close-wait | our side                      |
// |----------------------|---------------------------------|-------------------|-------------------------------|
// | channels, paired     | any                             | any               | the FIN goes on to the partner |
// | hub, linger-channels,| any                             | any               | closes at once                |
// |   unpaired channels  |                                 |                   |                               |
// | none                 | no (keyboard, -i none/echo, -r, | any               | closes at once (netcat)       |
// |                      |   input already ended)          |                   |                               |
// | none                 | yes (pipe, file, -e, generator) | 0                 | closes at once (ncat -l)      |
// | none                 | yes                             | W seconds         | keeps getting local input;    |
// |                      |                                 |  (default 0.5)    | closes when it ends or after  |
// |                      |                                 |                   | W s without any (socat -t)    |
// | none                 | yes                             | inf               | closes when local input ends  |
// | none                 | -e (default: inf)               | not given         | closes when the command exits |
//
// "Without any" means no local input was sent and none waits for this peer to drain: a peer that
// reads slowly keeps the connection open as long as it keeps reading.
import type {ForwardingMode} from '../options.js';
import type {Route, RouteId} from '../router/route.js';

export type FinAction = 'pass-to-partner' | 'close' | 'wait';

export function peerFinAction(mode: ForwardingMode, paired: boolean, localInputOpen: boolean, waitMs: number): FinAction {
	if (mode === 'channels' && paired) return 'pass-to-partner';
	if (mode !== 'none' || !localInputOpen || waitMs === 0) return 'close';
	return 'wait';
}

/** The peers that half-closed while local input flows, each closed once that input goes quiet. */
export class HalfCloseWait {
	private readonly waiting = new Map<RouteId, Route>();
	private timer: NodeJS.Timeout | undefined;
	private lastActivity = 0;

	constructor(
		readonly waitMs: number,
		/** Local input waits for this peer to drain: it is not idle, the peer is just slow. */
		private readonly localWaitsOn: (id: RouteId) => boolean,
	) {}

	wait(route: Route): void {
		this.waiting.set(route.id, route);
		this.lastActivity = performance.now();
		if (Number.isFinite(this.waitMs)) this.arm(this.waitMs);
	}

	/** Local input sent something: called per chunk, so it only notes the time. */
	localActivity(): void {
		if (this.waiting.size > 0) this.lastActivity = performance.now();
	}

	forget(id: RouteId): void {
		this.waiting.delete(id);
		if (this.waiting.size === 0) this.clear();
	}

	/** Local input ended: whoever ends the peers now, it is not this rule. */
	clear(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.waiting.clear();
	}

	private arm(delayMs: number): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.check(), Math.max(1, delayMs));
	}

	private check(): void {
		this.timer = undefined;
		const quietFor = performance.now() - this.lastActivity;
		if (quietFor < this.waitMs) {
			this.arm(this.waitMs - quietFor);
			return;
		}
		for (const route of [...this.waiting.values()]) {
			if (this.localWaitsOn(route.id)) continue;
			this.waiting.delete(route.id);
			route.end();
		}
		if (this.waiting.size > 0) {
			// Peers still draining: look again after another quiet period.
			this.lastActivity = performance.now();
			this.arm(this.waitMs);
		}
	}
}
