// The connection list as data: "All peers", every route with its state, partner and rates,
// targets still connecting, and listeners with their client counts. Pure apart from reading the router.
import {describeError} from '../errors.js';
import {protocolName} from '../route-text.js';
import {isChannelMode} from '../router/forwarding.js';
import type {RouteCounters, Router} from '../router/router.js';
import type {RouteId, RouteInfo} from '../router/route.js';
import type {ConnectionRow, Rates, RowState} from './snapshot.js';

/** What the store remembers of a route, live or closed. */
export interface RouteRecord {
	info: RouteInfo;
	/** Counters at close; set once the route is gone. */
	closed?: RouteCounters;
	closeReason?: string;
	/** We sent our FIN (Ctrl-D). */
	weEnded?: boolean;
	/** The peer sent its FIN. */
	peerEnded?: boolean;
}

/** What the session knows that the router does not: listeners and targets still connecting. */
export interface UiSources {
	listeners(): ReadonlyArray<{address: string; protocol: string; clients?: {now: number; max: number; refused: number}; denied?: number}>;
	targets(): ReadonlyArray<{text: string; state: 'connecting' | 'reconnecting' | 'connected' | 'done'}>;
}

/** Why a route closed, short: who closed it, or the socket error (its code only with -v). */
export function closeReason(record: RouteRecord, {byUser, error, verbose}: {byUser: boolean; error?: Error; verbose: boolean}): string {
	if (byUser) return 'by you (Ctrl-K)';
	if (error) return verbose ? describeError(error) : describeError(error).replace(/ \(E[A-Z]+\)$/, '');
	if (record.weEnded && !record.peerEnded) return 'after our FIN';
	if (record.info.protocol === 'udp') return 'forgotten';
	return 'by peer';
}

export function routeState(record: RouteRecord): RowState {
	if (record.closed) return 'closed';
	if (record.weEnded) return 'half-closed';
	if (record.peerEnded) return 'peer half-closed';
	return record.info.protocol === 'udp' ? 'peer' : 'connected';
}

/**
 * Channel modes: the partner, or why there is none. netcrab never pairs two peers of one IP
 * address (two ends of one machine's test are rarely what is meant); --pair-same-host lifts that.
 */
export function partnerText(router: Router, id: RouteId): string | undefined {
	// Bound pairs (--fork, --exec-each) have their partner in any mode.
	const partner = router.partnerOf(id);
	if (partner !== undefined) return `<-> #${partner}`;
	if (!isChannelMode(router.mode)) return undefined;
	const self = router.route(id);
	if (!self) return undefined;
	if (!router.pairSameHost) {
		const sameHost = router
			.peers()
			.find(peer => peer.id !== id && peer.peerHost === self.peerHost && router.partnerOf(peer.id) === undefined);
		if (sameHost) return `same host as #${sameHost.id}`;
	}
	return 'waiting for a partner';
}

export function connectionRows(
	router: Router,
	records: Iterable<RouteRecord>,
	sources: UiSources | undefined,
	rates: ReadonlyMap<RouteId, Rates> | undefined,
): ConnectionRow[] {
	const totals = router.totalCounters();
	const rows: ConnectionRow[] = [
		{
			key: 'all',
			kind: 'all',
			protocol: '',
			local: '',
			peer: '',
			state: 'connected',
			bytesIn: totals.bytesIn,
			bytesOut: totals.bytesOut,
		},
	];
	const ordered = [...records].sort((a, b) => a.info.id - b.info.id);
	for (const record of ordered) {
		const {info, closed} = record;
		const counters = closed ?? router.counters(info.id) ?? {bytesIn: 0, bytesOut: 0};
		const partner = closed ? undefined : partnerText(router, info.id);
		const rate = closed ? undefined : rates?.get(info.id);
		rows.push({
			key: `route ${info.id}`,
			kind: 'route',
			id: info.id,
			protocol: protocolName(info),
			origin: info.origin,
			local: info.local,
			peer: info.peer,
			state: routeState(record),
			...(record.closeReason ? {closeReason: record.closeReason} : {}),
			bytesIn: counters.bytesIn,
			bytesOut: counters.bytesOut,
			...(partner !== undefined ? {partner} : {}),
			...(rates ? {rates: rate ?? {rx: 0, tx: 0}} : {}),
			...(info.child?.status ? {detail: info.child.status} : {}),
		});
	}
	let index = 0;
	for (const target of sources?.targets() ?? []) {
		index++;
		if (target.state !== 'connecting' && target.state !== 'reconnecting') continue;
		rows.push({
			key: `target ${index}`,
			kind: 'target',
			protocol: 'TCP',
			local: '',
			peer: target.text,
			state: target.state,
			bytesIn: 0,
			bytesOut: 0,
		});
	}
	// Listeners last: Down from All peers reaches the first peer at once, and the listener rows
	// (selectable for their own keys, list-selection.ts) follow the peers.
	for (const listener of sources?.listeners() ?? []) {
		rows.push({
			key: `listen ${listener.address}`,
			kind: 'listener',
			protocol: listener.protocol,
			local: listener.address,
			peer: '*',
			state: 'listening',
			bytesIn: 0,
			bytesOut: 0,
			...(listener.clients ? {clients: {...listener.clients}} : {}),
			...(listener.denied ? {denied: listener.denied} : {}),
		});
	}
	return rows;
}
