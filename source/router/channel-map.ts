// Channel pairs, stored in both directions. A route pairs with the oldest unpaired route whose
// peer host differs (two connections from the same host are two ends of nothing).
// Bound pairs (--fork: a client and its own upstream; --exec-each: a peer and its own child) are
// made together and stay paired for life: a mode change or rebuild never splits them.
import type {RouteId} from './route.js';

export interface Pairable {
	id: RouteId;
	peerHost: string;
}

export class ChannelMap {
	private readonly partners = new Map<RouteId, RouteId>();
	private readonly bound = new Map<RouteId, RouteId>();

	/** Pairs two routes for life (both new); in channel modes they are also each other's partner. */
	bind(a: RouteId, b: RouteId, inChannelMode: boolean): void {
		this.bound.set(a, b);
		this.bound.set(b, a);
		if (inChannelMode) {
			this.partners.set(a, b);
			this.partners.set(b, a);
		}
	}

	boundPartnerOf(id: RouteId): RouteId | undefined {
		return this.bound.get(id);
	}

	/** pairSameHost (--pair-same-host): pair two peers of one host too, to try channels on one machine. */
	constructor(private readonly pairSameHost = false) {}

	partnerOf(id: RouteId): RouteId | undefined {
		return this.partners.get(id);
	}

	/** Pairs `route` with the first unpaired candidate of another host; returns the partner. */
	pairNew(route: Pairable, candidates: Iterable<Pairable>): RouteId | undefined {
		if (this.partners.has(route.id)) return this.partners.get(route.id);
		if (this.bound.has(route.id)) return undefined;
		for (const candidate of candidates) {
			if (candidate.id === route.id || this.partners.has(candidate.id) || this.bound.has(candidate.id)) continue;
			if (candidate.peerHost === route.peerHost && !this.pairSameHost) continue;
			this.partners.set(route.id, candidate.id);
			this.partners.set(candidate.id, route.id);
			return candidate.id;
		}
		return undefined;
	}

	/** Makes two unpaired routes partners (pairing by hand: manual-pairs.ts decides when). */
	link(a: RouteId, b: RouteId): void {
		this.partners.set(a, b);
		this.partners.set(b, a);
	}

	/** Breaks a route's channel pair (not a bound one); returns the partner it had. */
	unlink(id: RouteId): RouteId | undefined {
		const partner = this.partners.get(id);
		if (partner === undefined || this.bound.get(id) === partner) return undefined;
		this.partners.delete(id);
		this.partners.delete(partner);
		return partner;
	}

	/** Forgets a route; returns the partner it had. */
	remove(id: RouteId): RouteId | undefined {
		const partner = this.partners.get(id);
		this.partners.delete(id);
		if (partner !== undefined) this.partners.delete(partner);
		const boundPartner = this.bound.get(id);
		this.bound.delete(id);
		if (boundPartner !== undefined) this.bound.delete(boundPartner);
		return partner;
	}

	/** Pairs all routes from scratch, in the order given. */
	rebuild(routes: readonly Pairable[]): void {
		this.partners.clear();
		for (const [a, b] of this.bound) this.partners.set(a, b);
		for (const route of routes) this.pairNew(route, routes);
	}

	/** Leaves channel modes: no route has a channel partner (bound pairs are remembered). */
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
