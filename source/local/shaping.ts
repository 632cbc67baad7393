// Traffic shaping (--sdmin/--sdmax/--sdrop for local sends, --rdmin/--rdmax/--rdrop for what peers
// send): a thin stage in front of router.receive, so the router stays free of test knobs. Each
// route has its own ordered delay queue with its own timer, so a slow route never holds up another.
// A route's end and removal wait behind its queued data, so nothing is lost or reordered.
import type {DelayRange} from '../options.js';
import {maxQueuedChunks} from '../router/chunk-budget.js';
import type {Router} from '../router/router.js';
import {localRouteId, type Route, type RouteId, type RouteSink, type SourcedBytes} from '../router/route.js';

export interface ShapingRule {
	delay: DelayRange;
	dropProbability: number;
}

export function isShaping(rule: ShapingRule): boolean {
	return rule.delay.max > 0 || rule.dropProbability > 0;
}

/** A delay in [min, max] ms; no random number is drawn for a fixed delay. */
export function pickDelay({min, max}: DelayRange, random: () => number = Math.random): number {
	return min === max ? min : min + Math.floor(random() * (max - min + 1));
}

/** A route paused by the router (backpressure) or by the shaper (queue full), resumed when neither holds it. */
export class GatedRoute implements Route {
	readonly id: RouteId;
	readonly protocol: Route['protocol'];
	readonly origin: Route['origin'];
	readonly local: string;
	readonly peer: string;
	readonly peerHost: string;
	readonly family: Route['family'];
	private pausedByRouter = false;
	private held = false;

	constructor(private readonly inner: Route) {
		({
			id: this.id,
			protocol: this.protocol,
			origin: this.origin,
			local: this.local,
			peer: this.peer,
			peerHost: this.peerHost,
			family: this.family,
		} = inner);
	}

	/** An --exec-each child's facts change while it runs (its exit status): read them through. */
	get child(): Route['child'] {
		return this.inner.child;
	}

	write(data: Buffer): boolean {
		return this.inner.write(data);
	}

	pause(): void {
		this.pausedByRouter = true;
		this.inner.pause();
	}

	resume(): void {
		this.pausedByRouter = false;
		if (!this.held) this.inner.resume();
	}

	hold(): void {
		this.held = true;
		this.inner.pause();
	}

	release(): void {
		if (!this.held) return;
		this.held = false;
		if (!this.pausedByRouter) this.inner.resume();
	}

	end(onFlushed?: () => void): void {
		this.inner.end(onFlushed);
	}

	destroy(): void {
		this.inner.destroy();
	}
}

interface Queued {
	due: number;
	data?: Buffer;
	/** A route event (end, removal) that must come after the data queued before it. */
	then?: () => void;
}

interface RouteQueue {
	items: Queued[];
	bytes: number;
	timer: NodeJS.Timeout | undefined;
}

/**
 * Queued bytes per route above which its source is paused, so memory does not grow with traffic;
 * the chunk count is capped too, since a chunk costs memory beyond its bytes (chunk-budget.ts).
 */
const queueLimit = 1 << 20;

function isFull(queue: RouteQueue): boolean {
	return queue.bytes > queueLimit || queue.items.length > maxQueuedChunks;
}

export class Shaper implements RouteSink {
	private readonly queues = new Map<RouteId, RouteQueue>();
	private readonly gates = new Map<RouteId, GatedRoute>();

	constructor(
		private readonly router: Router,
		private readonly send: ShapingRule,
		private readonly receiveRule: ShapingRule,
		private readonly random: () => number = Math.random,
	) {}

	/** Wraps a route before it is added to the router, so the shaper can pause it. */
	gate(route: Route): GatedRoute {
		const gated = new GatedRoute(route);
		this.gates.set(route.id, gated);
		return gated;
	}

	allocateId(): RouteId {
		return this.router.allocateId();
	}

	receive(bytes: SourcedBytes): void {
		const rule = bytes.routeId === localRouteId ? this.send : this.receiveRule;
		if (rule.dropProbability > 0 && this.random() < rule.dropProbability) return;
		const delay = pickDelay(rule.delay, this.random);
		const queue = this.queues.get(bytes.routeId);
		if (delay === 0 && !queue) {
			this.router.receive(bytes);
			return;
		}
		// The envelope may be reused by its sender; keep only the bytes.
		this.enqueue(bytes.routeId, {due: Date.now() + delay, data: bytes.data});
	}

	drained(id: RouteId): void {
		this.router.drained(id);
	}

	peerEnded(id: RouteId): void {
		this.after(id, () => this.router.peerEnded(id));
	}

	removeRoute(id: RouteId, error?: Error): void {
		this.after(id, () => {
			this.gates.delete(id);
			this.router.removeRoute(id, error);
		});
	}

	/** Drops every queued item and timer (the run is over). */
	stop(): void {
		for (const queue of this.queues.values()) clearTimeout(queue.timer);
		this.queues.clear();
	}

	private after(id: RouteId, then: () => void): void {
		const queue = this.queues.get(id);
		if (queue) queue.items.push({due: 0, then});
		else then();
	}

	private enqueue(id: RouteId, item: Queued): void {
		let queue = this.queues.get(id);
		if (!queue) {
			queue = {items: [], bytes: 0, timer: undefined};
			this.queues.set(id, queue);
		}
		queue.items.push(item);
		queue.bytes += item.data!.length;
		if (isFull(queue)) this.gates.get(id)?.hold();
		if (queue.items.length === 1) this.arm(id, queue);
	}

	private arm(id: RouteId, queue: RouteQueue): void {
		queue.timer = setTimeout(() => this.flush(id, queue), Math.max(0, queue.items[0]!.due - Date.now()));
	}

	/** Delivers every item that is due, in order; a later item never overtakes an earlier one. */
	private flush(id: RouteId, queue: RouteQueue): void {
		const now = Date.now();
		let index = 0;
		for (; index < queue.items.length; index++) {
			const item = queue.items[index]!;
			if (item.data && item.due > now) break;
			if (item.data) {
				queue.bytes -= item.data.length;
				this.router.receive({routeId: id, data: item.data});
			} else {
				item.then!();
			}
		}
		queue.items.splice(0, index);
		if (!isFull(queue)) this.gates.get(id)?.release();
		if (queue.items.length > 0) {
			this.arm(id, queue);
		} else {
			this.queues.delete(id);
		}
	}
}
