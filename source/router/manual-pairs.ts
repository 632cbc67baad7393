// Pairing by hand (the UI's mark-and-pair and unpair keys). Channel modes pair peers by arrival;
// a person may re-pair them. Pure rules over the ChannelMap.
//
// | case                                        | result                                                |
// |---------------------------------------------|-------------------------------------------------------|
// | not a channel mode (none, hub)              | refused: there are no pairs to change                 |
// | a peer is gone, or is local input           | refused                                               |
// | the same peer twice                         | refused                                               |
// | a peer in a bound pair (--fork, --exec-each)| refused: it is paired for life with its own partner   |
// | the two are already partners                | nothing changes                                       |
// | a <-> c and b <-> d                         | a <-> b; c and d are unpaired and wait, as a peer     |
// |                                             |   whose partner left does (a newcomer pairs with them)|
// | a and b of one host                         | allowed: the rule that keeps one host's peers apart   |
// |                                             |   is for the pairs made by arrival, not for a choice  |
// | unpair a (a <-> c)                          | a and c unpaired; neither is closed                   |
// | unpair a peer that has no partner           | refused                                               |
import type {ChannelMap} from './channel-map.js';
import type {RouteId} from './route.js';

export interface PairingContext {
	inChannelMode: boolean;
	isPeer(id: RouteId): boolean;
}

/** The routes whose partner changed (to show), or why nothing was done. */
export type PairingResult = {changed: RouteId[]} | {refused: string};

function refusal(map: ChannelMap, id: RouteId, context: PairingContext): string | undefined {
	if (!context.inChannelMode) return 'pairing by hand needs a channel mode (channels or linger-channels)';
	if (!context.isPeer(id)) return `#${id} is not a connected peer`;
	const bound = map.boundPartnerOf(id);
	if (bound !== undefined) return `#${id} is bound to #${bound} for life (--fork, --exec-each)`;
	return undefined;
}

export function pairByHand(map: ChannelMap, a: RouteId, b: RouteId, context: PairingContext): PairingResult {
	const refused = refusal(map, a, context) ?? refusal(map, b, context) ?? (a === b ? `#${a} cannot be paired with itself` : undefined);
	if (refused) return {refused};
	if (map.partnerOf(a) === b) return {changed: []};
	const changed = [a, b];
	for (const id of [a, b]) {
		const former = map.unlink(id);
		if (former !== undefined) changed.push(former);
	}
	map.link(a, b);
	return {changed};
}

export function unpairByHand(map: ChannelMap, a: RouteId, context: PairingContext): PairingResult {
	const refused = refusal(map, a, context);
	if (refused) return {refused};
	const former = map.unlink(a);
	if (former === undefined) return {refused: `#${a} has no partner`};
	return {changed: [a, former]};
}
