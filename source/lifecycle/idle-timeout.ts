// --idle-timeout SECONDS (ncat -i): a peer that neither sent nor received anything for that long
// is closed.
//
// | peer                                      | what happens after SECONDS without traffic          |
// |-------------------------------------------|------------------------------------------------------|
// | TCP, no byte either way                   | aborted; with -v: `#N 127.0.0.1:40000 idle for 2 s  |
// |                                           | (--idle-timeout): closing`                          |
// | TCP, bytes in either direction            | the clock starts again                              |
// | TCP, half-closed but still talking        | counts as active while bytes flow                   |
// | UDP peer                                  | forgotten the same way                              |
// | the last peer of -l / of a client run     | the run then ends as when the peer leaves (exit 0,  |
// |                                           | as socat -T and nc -w; ncat -i exits 1)             |
//
// It samples the router's byte counters instead of hooking every chunk, so the data path pays
// nothing; a peer is closed between SECONDS and SECONDS plus a tenth of it.
import type {Router} from '../router/router.js';
import type {RouteId} from '../router/route.js';

export class IdleTimeout {
	private readonly seen = new Map<RouteId, {bytes: number; since: number}>();
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly router: Router,
		private readonly timeoutMs: number,
	) {
		this.timer = setInterval(() => this.check(), Math.max(10, Math.min(1000, timeoutMs / 10)));
		this.timer.unref();
		router.on('route-removed', ({route}) => this.seen.delete(route.id));
	}

	stop(): void {
		clearInterval(this.timer);
	}

	private check(): void {
		const now = performance.now();
		for (const peer of this.router.peers()) {
			const counters = this.router.counters(peer.id);
			if (!counters) continue;
			const bytes = counters.bytesIn + counters.bytesOut;
			const last = this.seen.get(peer.id);
			if (!last || last.bytes !== bytes) {
				this.seen.set(peer.id, {bytes, since: now});
				continue;
			}
			if (now - last.since < this.timeoutMs) continue;
			this.seen.delete(peer.id);
			this.router.report('verbose', `#${peer.id} ${peer.peer} idle for ${this.timeoutMs / 1000} s (--idle-timeout): closing`);
			this.router.closeRoute(peer.id);
		}
	}
}
