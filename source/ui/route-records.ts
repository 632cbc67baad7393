// What the UI remembers of each route, live or closed: its info, who half-closed it, why it
// closed. Closed routes stay listed until `kept` newer ones closed (the aimed one stays longer, so
// the input line can still say where it points).
import type {RouteRemovedEvent} from '../router/router.js';
import type {RouteId, RouteInfo} from '../router/route.js';
import {closeReason, type RouteRecord} from './connection-rows.js';

export class RouteRecords {
	private readonly records = new Map<RouteId, RouteRecord>();
	private closedOrder: RouteId[] = [];
	/** Routes closed with Ctrl-K, so their row says so. */
	private readonly closedByUser = new Set<RouteId>();

	constructor(
		private readonly kept: number,
		private readonly verbose: boolean,
	) {}

	get(id: RouteId): RouteRecord | undefined {
		return this.records.get(id);
	}

	values(): IterableIterator<RouteRecord> {
		return this.records.values();
	}

	liveIds(): RouteId[] {
		return [...this.records.values()].filter(record => !record.closed).map(record => record.info.id);
	}

	added(info: RouteInfo): void {
		this.records.set(info.id, {info});
	}

	peerEnded(id: RouteId): void {
		const record = this.records.get(id);
		if (record) record.peerEnded = true;
	}

	weEnded(id: RouteId): void {
		const record = this.records.get(id);
		if (record) record.weEnded = true;
	}

	closingByUser(id: RouteId): void {
		this.closedByUser.add(id);
	}

	/** The route closed; false when it was never listed (the local route). */
	removed({route, counters, error}: RouteRemovedEvent, aim: RouteId | 'all'): boolean {
		const record = this.records.get(route.id);
		if (!record) return false;
		record.closed = {...counters};
		record.closeReason = closeReason(record, {
			byUser: this.closedByUser.has(route.id),
			verbose: this.verbose,
			...(error ? {error} : {}),
		});
		this.closedByUser.delete(route.id);
		this.closedOrder.push(route.id);
		while (this.closedOrder.length > this.kept) {
			const id = this.closedOrder.shift()!;
			if (id !== aim) this.records.delete(id);
		}
		return true;
	}
}
