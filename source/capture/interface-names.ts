// What a capture calls the interface a route belongs to: the listener that accepted it, or the
// target it was opened for. Routes of one listener or target share one interface.
import type {RouteInfo} from '../router/route.js';
import type {InterfaceName} from './pcapng-recorder.js';
import {parseHostPort} from './route-endpoints.js';

export interface ListenerName {
	address: string;
	protocol: string;
}

export function interfaceNamer(
	listeners: () => readonly ListenerName[],
	targetOf: (route: RouteInfo) => string | undefined,
): (route: RouteInfo) => InterfaceName {
	return route => {
		const protocol = route.tls ? 'TLS' : route.protocol.toUpperCase();
		let what: string;
		if (route.origin === 'inbound') {
			const port = parseHostPort(route.local)?.port;
			// UDP listeners make UDP routes; every other listener (TCP, TLS, Unix) makes stream routes.
			const sameProtocol = listeners().filter(listener => (listener.protocol.toLowerCase() === 'udp') === (route.protocol === 'udp'));
			// A listener on every address (0.0.0.0, ::) shows in the route's local address only by port.
			const listener =
				sameProtocol.find(candidate => candidate.address === route.local) ??
				sameProtocol.find(candidate => port !== undefined && parseHostPort(candidate.address)?.port === port);
			what = `listener ${listener?.address ?? route.local}`;
		} else {
			what = `target ${targetOf(route) ?? route.peer}`;
		}
		return {name: what, description: `netcrab-tui ${what} (${protocol})`};
	};
}
