// Channel pairs, stored in both directions. A route pairs with the oldest unpaired route whose
// peer host differs (two connections from the same host are two ends of nothing).
import type {RouteId} from './route.js';

export interface Pairable {
	id: RouteId;
	peerHost: string;
}

export class ChannelMap {
	private readonly partners = new Map<RouteId, RouteId>();

	/** pairSameHost (--pair-same-host): pair two peers of one host too, to try channels on one machine. */
	constructor(private readonly pairSameHost = false) {}

	partnerOf(id: RouteId): RouteId | undefined {
		return this.partners.get(id);
	}

	/** Pairs `route` with the first unpaired candidate of another host; returns the partner. */
	pairNew(route: Pairable, candidates: Iterable<Pairable>): RouteId | undefined {
		if (this.partners.has(route.id)) return this.partners.get(route.id);
		for (const candidate of candidates) {
			if (candidate.id === route.id || this.partners.has(candidate.id)) continue;
			if (candidate.peerHost === route.peerHost && !this.pairSameHost) continue;
			this.partners.set(route.id, candidate.id);
			this.partners.set(candidate.id, route.id);
			return candidate.id;
		}
		return undefined;
	}

	/** Forgets a route; returns the partner it had. */
	remove(id: RouteId): RouteId | undefined {
		const partner = this.partners.get(id);
		this.partners.delete(id);
		if (partner !== undefined) this.partners.delete(partner);
		return partner;
	}

	/** Pairs all routes from scratch, in the order given. */
	rebuild(routes: readonly Pairable[]): void {
		this.partners.clear();
		for (const route of routes) this.pairNew(route, routes);
	}

	clear(): void {
		this.partners.clear();
	}

	/** Each pair once, lower id first. */
	pairs(): Array<[RouteId, RouteId]> {
		const result: Array<[RouteId, RouteId]> = [];
		for (const [a, b] of this.partners) if (a < b) result.push([a, b]);
		return result;
	}
}
