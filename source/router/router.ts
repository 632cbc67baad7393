// The router: one for every route, whatever its protocol. It knows no sockets and no UI: adapters
// report bytes and state changes to it, and it writes to routes and emits events.
import {EventEmitter} from 'node:events';
import type {ForwardingMode} from '../options.js';
import {HalfCloseWait, peerFinAction} from '../lifecycle/half-close-wait.js';
import {peersToHalfClose} from '../lifecycle/local-input-end.js';
import {closeBoundPartner, endsWithLocalInput, passFinToBoundPartner} from './bound-pair-rules.js';
import {ChannelMap} from './channel-map.js';
import {pairByHand, unpairByHand, type PairingContext, type PairingResult} from './manual-pairs.js';
import {destinationsFor, isChannelMode, type LocalTarget} from './forwarding.js';
import {localRouteId, type Route, type RouteId, type RouteInfo, type SourcedBytes} from './route.js';

export interface RouteCounters {
	bytesIn: number;
	bytesOut: number;
	messagesIn: number;
	messagesOut: number;
}

export interface TrafficEvent extends SourcedBytes {
	destinations: readonly RouteId[];
}

export interface RouteRemovedEvent {
	route: RouteInfo;
	counters: RouteCounters;
	error?: Error;
}

export type ReportLevel = 'info' | 'verbose' | 'warning' | 'error';

export interface RouterEvents {
	'route-added': [route: RouteInfo];
	'route-removed': [event: RouteRemovedEvent];
	/** Only emitted while someone listens, so a bare pipe pays nothing per chunk. */
	traffic: [event: TrafficEvent];
	mode: [mode: ForwardingMode];
	target: [target: LocalTarget];
	channels: [pairs: Array<[RouteId, RouteId]>];
	/** A peer finished sending (TCP FIN); the route stays open for our side. */
	'peer-ended': [id: RouteId];
	/** Status and error lines from any part of the session. */
	report: [level: ReportLevel, text: string];
}

export interface RouterOptions {
	mode: ForwardingMode;
	echo: boolean;
	/** Local input may still send (stdin, keyboard): a peer that half-closes keeps hearing it. */
	localInputOpen: boolean;
	/** --half-close-wait in ms: how long a half-closed peer waits on quiet local input (default: until it ends). */
	halfCloseWaitMs?: number;
	/** Channels may pair two peers of one host (--pair-same-host). */
	pairSameHost?: boolean;
}

interface Entry {
	route: Route;
	counters: RouteCounters;
}

/** Bytes a destination still holds (heldBytes, else holdsNoBytes: none or all). */
function heldBy(route: Route): number {
	return route.heldBytes?.() ?? (route.holdsNoBytes?.() === true ? 0 : Number.POSITIVE_INFINITY);
}

export class Router extends EventEmitter<RouterEvents> {
	private readonly entries = new Map<RouteId, Entry>();
	private readonly channelMap: ChannelMap;
	/** source -> destinations it waits on; the source is paused while this is non-empty. */
	private readonly blockedBy = new Map<RouteId, Set<RouteId>>();
	/** destination -> sources waiting for it to drain. */
	private readonly waitingOn = new Map<RouteId, Set<RouteId>>();
	private readonly totals: RouteCounters = {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0};
	private nextId = 1;
	/** Observers (captures) get negative ids: never a route's, and route numbering stays 1, 2, ... */
	private nextObserverId = -1;
	private currentMode: ForwardingMode;
	private target: LocalTarget = 'all';
	private peerIdList: RouteId[] = [];
	/** source -> its destinations, so a chunk costs no allocation; cleared when routing changes. */
	private readonly destinationCache = new Map<RouteId, readonly RouteId[]>();
	private readonly echo: boolean;
	private localInputOpen: boolean;
	private readonly halfClose: HalfCloseWait;
	readonly pairSameHost: boolean;
	/**
	 * Routes that may still hold bytes from a source that no longer sends to them (the mode or the
	 * local target changed): released() waits for them too, until each has written out once.
	 */
	private readonly formerDestinations = new Set<RouteId>();

	constructor(options: RouterOptions) {
		super();
		this.halfClose = new HalfCloseWait(
			options.halfCloseWaitMs ?? Number.POSITIVE_INFINITY,
			id => this.waitingOn.get(id)?.has(localRouteId) ?? false,
		);
		this.currentMode = options.mode;
		this.echo = options.echo;
		this.localInputOpen = options.localInputOpen;
		this.channelMap = new ChannelMap(options.pairSameHost);
		this.pairSameHost = options.pairSameHost === true;
	}

	allocateId(): RouteId {
		return this.nextId++;
	}

	/** An id for an observer that holds sources back (holdBack) and releases them (drained). */
	allocateObserverId(): RouteId {
		return this.nextObserverId--;
	}

	get mode(): ForwardingMode {
		return this.currentMode;
	}

	get localTarget(): LocalTarget {
		return this.target;
	}

	/** Live peer routes (not the local route), oldest first. */
	peers(): RouteInfo[] {
		return this.peerIdList.map(id => this.entries.get(id)!.route);
	}

	peerCount(): number {
		return this.peerIdList.length;
	}

	route(id: RouteId): RouteInfo | undefined {
		return this.entries.get(id)?.route;
	}

	counters(id: RouteId): RouteCounters | undefined {
		return this.entries.get(id)?.counters;
	}

	/** Bytes and messages received from and written to peers since start (local IO excluded). */
	totalCounters(): RouteCounters {
		return {...this.totals};
	}

	/** The channel partner, or in other modes the bound partner (--fork, --exec-each). */
	partnerOf(id: RouteId): RouteId | undefined {
		return this.channelMap.partnerOf(id) ?? this.channelMap.boundPartnerOf(id);
	}

	report(level: ReportLevel, text: string): void {
		this.emit('report', level, text);
	}

	addRoute(route: Route): void {
		this.destinationCache.clear();
		this.entries.set(route.id, {route, counters: {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0}});
		if (route.id !== localRouteId) {
			this.peerIdList.push(route.id);
			if (isChannelMode(this.currentMode) && this.channelMap.boundPartnerOf(route.id) === undefined) this.pairRoute(route);
		}
		this.emit('route-added', route);
	}

	/**
	 * Adds two new routes that exist for each other (a client and its upstream, a peer and its
	 * child): they are paired at once and for life, never with anyone else. See bound-pair-rules.ts.
	 */
	addBoundPair(first: Route, second: Route): void {
		this.channelMap.bind(first.id, second.id, isChannelMode(this.currentMode));
		this.addRoute(first);
		this.addRoute(second);
		if (isChannelMode(this.currentMode)) this.emitChannels();
	}

	receive(bytes: SourcedBytes): void {
		const source = this.entries.get(bytes.routeId);
		if (!source) return;
		const length = bytes.data.length;
		source.counters.bytesIn += length;
		source.counters.messagesIn++;
		if (bytes.routeId !== localRouteId) {
			this.totals.bytesIn += length;
			this.totals.messagesIn++;
		} else this.halfClose.localActivity();
		const destinations = this.destinationsOf(bytes.routeId);
		for (const destinationId of destinations) {
			const destination = this.entries.get(destinationId);
			if (!destination) continue;
			destination.counters.bytesOut += length;
			destination.counters.messagesOut++;
			if (destinationId !== localRouteId) {
				this.totals.bytesOut += length;
				this.totals.messagesOut++;
			}
			if (!destination.route.write(bytes.data)) this.block(bytes.routeId, destinationId);
		}
		if (this.listenerCount('traffic') > 0) {
			this.emit('traffic', {routeId: bytes.routeId, data: bytes.data, destinations});
		}
	}

	private destinationsOf(sourceId: RouteId): readonly RouteId[] {
		let destinations = this.destinationCache.get(sourceId);
		if (!destinations) {
			destinations = destinationsFor(sourceId, {
				mode: this.currentMode,
				echo: this.echo,
				localTarget: this.target,
				peers: this.peerIdList,
				partnerOf: id => this.channelMap.partnerOf(id),
			});
			this.destinationCache.set(sourceId, destinations);
		}
		return destinations;
	}

	/**
	 * The bytes last received from sourceId are no longer held by anyone: every destination wrote
	 * them out (holdsNoBytes) and no observer (capture, UI) saw them, since observers may keep them.
	 */
	released(sourceId: RouteId): boolean {
		return this.heldBytes(sourceId) === 0;
	}

	/**
	 * How many of the last bytes received from sourceId a destination may still hold: the most
	 * any destination holds (a queue holds the newest bytes it got, from this source or others).
	 * Infinity while an observer listens, or a destination cannot tell.
	 */
	heldBytes(sourceId: RouteId): number {
		if (this.listenerCount('traffic') > 0) return Number.POSITIVE_INFINITY;
		for (const id of this.formerDestinations) {
			const route = this.entries.get(id)?.route;
			// It got none of the newest bytes, so a count says nothing about which it holds.
			if (route && heldBy(route) !== 0) return Number.POSITIVE_INFINITY;
			this.formerDestinations.delete(id);
		}
		let held = 0;
		for (const destinationId of this.destinationsOf(sourceId)) {
			// A destination that is gone holds nothing: its socket was destroyed with its queue.
			const route = this.entries.get(destinationId)?.route;
			if (route) held = Math.max(held, heldBy(route));
		}
		return held;
	}

	/** Routing narrows (mode, local target): every route may hold bytes from a former source. */
	private rememberDestinations(): void {
		for (const id of this.entries.keys()) this.formerDestinations.add(id);
	}

	/** A destination that returned false from write() can take more again. */
	drained(destinationId: RouteId): void {
		const sources = this.waitingOn.get(destinationId);
		if (!sources) return;
		this.waitingOn.delete(destinationId);
		for (const sourceId of sources) this.unblock(sourceId, destinationId);
	}

	/**
	 * An observer that records traffic (the capture) fell behind on a chunk from sourceId: the
	 * source is paused exactly as if a destination named observerId had refused the chunk, until
	 * the observer calls drained(observerId). observerId comes from allocateId(), so it is never a
	 * route's. The observer sits outside the data path: nothing is queued here.
	 */
	holdBack(sourceId: RouteId, observerId: RouteId): void {
		if (this.entries.has(sourceId)) this.block(sourceId, observerId);
	}

	/** The peer half-closed (TCP FIN): the rule is lifecycle/half-close-wait.ts. */
	peerEnded(id: RouteId): void {
		const entry = this.entries.get(id);
		if (!entry) return;
		this.emit('peer-ended', id);
		const boundId = this.channelMap.boundPartnerOf(id);
		const bound = boundId === undefined ? undefined : this.entries.get(boundId);
		if (bound) {
			passFinToBoundPartner(bound.route);
			return;
		}
		const partnerId = this.channelMap.partnerOf(id);
		const action = peerFinAction(this.currentMode, partnerId !== undefined, this.localInputOpen, this.halfClose.waitMs);
		if (action === 'pass-to-partner') this.entries.get(partnerId!)?.route.end();
		else if (action === 'close') entry.route.end();
		else this.halfClose.wait(entry.route);
	}

	/** Local input is over (rule: lifecycle/local-input-end.ts); onFlushed runs once the peers it half-closed wrote out what they had. */
	localInputEnded(onFlushed?: () => void): void {
		this.localInputOpen = false;
		this.halfClose.clear();
		const fedByLocalInput = (this.peers() as Route[]).filter(peer => endsWithLocalInput(this.channelMap.boundPartnerOf(peer.id)));
		this.endPeers(peersToHalfClose(this.currentMode, fedByLocalInput), onFlushed);
	}

	/** The adapter saw the route close; this is the only way a route leaves the router. */
	removeRoute(id: RouteId, error?: Error): void {
		const entry = this.entries.get(id);
		if (!entry) return;
		this.entries.delete(id);
		this.halfClose.forget(id);
		this.peerIdList = this.peerIdList.filter(peer => peer !== id);
		// Whoever waited on this route waits no more; whatever it waited on forgets it.
		this.drained(id);
		for (const destinationId of this.blockedBy.get(id) ?? []) this.waitingOn.get(destinationId)?.delete(id);
		this.blockedBy.delete(id);
		// A target that leaves stays the target (and receives nothing): falling back to every peer
		// would widen a line meant for one peer to all of them. The UI moves it when the user does.

		const boundId = this.channelMap.boundPartnerOf(id);
		const partnerId = this.channelMap.remove(id);
		this.destinationCache.clear();
		this.emit('route-removed', {route: entry.route, counters: entry.counters, ...(error ? {error} : {})});
		const bound = boundId === undefined ? undefined : this.entries.get(boundId);
		if (bound) {
			closeBoundPartner(bound.route, error);
			this.emitChannels();
		} else if (partnerId !== undefined) {
			const partner = this.entries.get(partnerId);
			if (partner && this.currentMode === 'channels') {
				if (error) partner.route.destroy();
				else partner.route.end();
			} else if (partner) {
				this.pairRoute(partner.route);
			}
			this.emitChannels();
		}
	}

	setMode(mode: ForwardingMode): void {
		if (mode === this.currentMode) return;
		this.currentMode = mode;
		this.rememberDestinations();
		this.destinationCache.clear();
		if (isChannelMode(mode)) this.channelMap.rebuild(this.peers());
		else this.channelMap.clear();
		this.emit('mode', mode);
		this.emitChannels();
	}

	setLocalTarget(target: LocalTarget): void {
		if (target !== 'all' && !this.peerIdList.includes(target)) target = 'all';
		if (target === this.target) return;
		this.target = target;
		this.rememberDestinations();
		this.destinationCache.clear();
		this.emit('target', target);
	}

	/**
	 * Disconnect one peer now (the UI's disconnect key): a FIN alone would leave a peer that never
	 * closes its side listed as connected, and UDP has no close to wait for.
	 */
	closeRoute(id: RouteId): void {
		if (id === localRouteId) return;
		this.entries.get(id)?.route.destroy();
	}

	/** Pair two peers by hand, breaking their former pairs (rules: manual-pairs.ts). */
	pair(a: RouteId, b: RouteId): PairingResult {
		return this.pairingChanged(pairByHand(this.channelMap, a, b, this.pairingContext()));
	}

	/** Unpair a peer by hand: it and its partner stay connected, unpaired. */
	unpair(id: RouteId): PairingResult {
		return this.pairingChanged(unpairByHand(this.channelMap, id, this.pairingContext()));
	}

	private pairingContext(): PairingContext {
		return {inChannelMode: isChannelMode(this.currentMode), isPeer: id => id !== localRouteId && this.entries.has(id)};
	}

	private pairingChanged(result: PairingResult): PairingResult {
		if ('changed' in result && result.changed.length > 0) {
			// Former partners may still hold bytes from each other (released() waits for them).
			this.rememberDestinations();
			this.destinationCache.clear();
			this.emitChannels();
		}
		return result;
	}

	/** Half-close one peer (the UI's Ctrl-D): our FIN goes out, its later bytes still arrive. */
	endRoute(id: RouteId): void {
		if (id === localRouteId) return;
		this.entries.get(id)?.route.end();
	}

	/** Half-close these peers; onFlushed runs once all of them wrote out what they had. */
	private endPeers(peers: readonly Route[], onFlushed?: () => void): void {
		let pending = peers.length;
		if (pending === 0) {
			onFlushed?.();
			return;
		}
		for (const peer of peers) {
			peer.end(() => {
				if (--pending === 0) onFlushed?.();
			});
		}
	}

	/** Abort every route, local included. */
	destroyAll(): void {
		this.halfClose.clear();
		for (const {route} of [...this.entries.values()]) route.destroy();
	}

	private pairRoute(route: RouteInfo): void {
		this.destinationCache.clear();
		if (this.channelMap.pairNew(route, this.peers()) !== undefined) this.emitChannels();
	}

	private emitChannels(): void {
		this.emit('channels', this.channelMap.pairs());
	}

	private block(sourceId: RouteId, destinationId: RouteId): void {
		let blockers = this.blockedBy.get(sourceId);
		if (!blockers) {
			blockers = new Set();
			this.blockedBy.set(sourceId, blockers);
		}
		if (blockers.size === 0) this.entries.get(sourceId)?.route.pause();
		blockers.add(destinationId);
		let waiting = this.waitingOn.get(destinationId);
		if (!waiting) {
			waiting = new Set();
			this.waitingOn.set(destinationId, waiting);
		}
		waiting.add(sourceId);
	}

	private unblock(sourceId: RouteId, destinationId: RouteId): void {
		const blockers = this.blockedBy.get(sourceId);
		if (!blockers?.delete(destinationId)) return;
		if (blockers.size === 0) this.entries.get(sourceId)?.route.resume();
	}
}
