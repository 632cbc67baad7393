// Rates per route and in total over the last sample, for --stats rows and the status bar. Sampled
// on a clock, so rates decay to zero when traffic stops.
import {statsBetween} from '../local/stats.js';
import type {RouteCounters, Router} from '../router/router.js';
import type {RouteId} from '../router/route.js';
import type {Rates} from './snapshot.js';

export class RateSampler {
	total: Rates = {rx: 0, tx: 0};
	readonly perRoute = new Map<RouteId, Rates>();
	private time: number;
	private totals: RouteCounters;
	private readonly routeCounters = new Map<RouteId, RouteCounters>();

	constructor(
		private readonly router: Router,
		private readonly now: () => number,
		private readonly perRouteWanted: boolean,
	) {
		this.time = now();
		this.totals = router.totalCounters();
	}

	sample(): void {
		const time = this.now();
		const elapsed = Math.max(1, time - this.time);
		const totals = this.router.totalCounters();
		const stats = statsBetween(this.totals, totals, elapsed);
		this.total = {rx: stats.received.bytesPerSecond, tx: stats.sent.bytesPerSecond};
		this.time = time;
		this.totals = totals;
		if (!this.perRouteWanted) return;
		const live = new Set<RouteId>();
		for (const peer of this.router.peers()) {
			const counters = this.router.counters(peer.id);
			if (!counters) continue;
			live.add(peer.id);
			const before = this.routeCounters.get(peer.id) ?? {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0};
			const rates = statsBetween(before, counters, elapsed);
			this.perRoute.set(peer.id, {rx: rates.received.bytesPerSecond, tx: rates.sent.bytesPerSecond});
			this.routeCounters.set(peer.id, {...counters});
		}
		for (const id of [...this.perRoute.keys()]) {
			if (!live.has(id)) {
				this.perRoute.delete(id);
				this.routeCounters.delete(id);
			}
		}
	}
}
