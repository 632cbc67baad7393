// The status lines that announce routes coming and going; plain mode prints them, the UI logs them.
import {describeError} from './errors.js';
import type {RouteCounters} from './router/router.js';
import type {RouteInfo} from './router/route.js';

/** `TCP`, `UDP`, `UNIX`; `TLS` for a TLS route (over TCP). */
export function protocolName(route: RouteInfo): string {
	return route.tls ? 'TLS' : route.protocol.toUpperCase();
}

export function describeRouteAdded(route: RouteInfo, at = new Date()): string {
	if (route.child) return `Started "${route.child.command}" (${route.local}) as #${route.id} for ${route.child.servedPeer}`;
	const family = route.family ? `, family IPv${route.family}` : '';
	if (route.protocol === 'udp') {
		return route.origin === 'inbound'
			? `New peer ${route.peer} seen at ${at.toTimeString().slice(0, 8)} on ${route.local}, protocol UDP${family}`
			: `Sending from ${route.local} to ${route.peer}, protocol UDP${family}`;
	}
	// A Unix peer has no address of its own: the socket path names both ends.
	if (route.protocol === 'unix') {
		return route.origin === 'inbound'
			? `Accepted connection on ${route.local}, protocol UNIX`
			: `Connected to ${route.peer}, protocol UNIX`;
	}
	return route.origin === 'inbound'
		? `Accepted connection from ${route.peer} to ${route.local}, protocol ${protocolName(route)}${family}`
		: `Connected from ${route.local} to ${route.peer}, protocol ${protocolName(route)}${family}`;
}

export function describeRouteRemoved(route: RouteInfo, error?: Error, counters?: RouteCounters): string {
	if (route.child) return `Command "${route.child.command}" (${route.local}) ${route.child.status ?? 'ended'}`;
	if (route.protocol === 'udp' && counters) {
		return `Forgot peer ${route.peer} on ${route.local}, protocol UDP: ${counters.messagesIn} datagram(s) (${counters.bytesIn} bytes) in, ${counters.messagesOut} (${counters.bytesOut} bytes) out`;
	}
	if (route.protocol === 'unix') return `Closed connection on ${route.peer}, protocol UNIX${error ? `: ${describeError(error)}` : ''}`;
	return `Closed connection from ${route.local} to ${route.peer}, protocol ${protocolName(route)}${error ? `: ${describeError(error)}` : ''}`;
}
