// The forwarding policy: given a source route, which routes receive its bytes. Pure.
import type {ForwardingMode} from '../options.js';
import {localRouteId, type RouteId} from './route.js';

/** Where local input goes: every peer, or one chosen route. */
export type LocalTarget = 'all' | RouteId;

export interface ForwardingContext {
	mode: ForwardingMode;
	/** -i echo: a peer's bytes go back to that peer. */
	echo: boolean;
	localTarget: LocalTarget;
	/** Peer routes (never the local route), in id order. */
	peers: readonly RouteId[];
	partnerOf(id: RouteId): RouteId | undefined;
}

export function destinationsFor(source: RouteId, context: ForwardingContext): RouteId[] {
	if (source === localRouteId) {
		if (context.localTarget === 'all') return [...context.peers];
		return context.peers.includes(context.localTarget) ? [context.localTarget] : [];
	}
	const destinations: RouteId[] = [localRouteId];
	if (context.echo) destinations.push(source);
	switch (context.mode) {
		case 'none':
			break;
		case 'hub':
			for (const peer of context.peers) if (peer !== source) destinations.push(peer);
			break;
		case 'channels':
		case 'linger-channels': {
			const partner = context.partnerOf(source);
			if (partner !== undefined && partner !== source) destinations.push(partner);
			break;
		}
	}
	return destinations;
}

export function isChannelMode(mode: ForwardingMode): boolean {
	return mode === 'channels' || mode === 'linger-channels';
}
