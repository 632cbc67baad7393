// A connected stream socket -> its route: TLS sockets carry their handshake facts, and their
// status lines (version, cipher, ALPN, certificate, expiry) are reported once the route exists.
import {TLSSocket} from 'node:tls';
import type {ReportLevel} from '../router/router.js';
import type {Route, RouteSink} from '../router/route.js';
import {TcpRoute} from './tcp.js';
import {unverifiedReason} from './tls-client.js';
import {describeHandshake} from './tls-facts.js';
import {TlsRoute} from './tls-route.js';

/** keepaliveMs: --keepalive, so a peer that vanished (power cut, NAT timeout) is found; 0: off. */
export function streamRoute(sink: RouteSink, socket: import('node:net').Socket, origin: 'inbound' | 'outbound', keepaliveMs = 0): Route {
	if (keepaliveMs > 0) socket.setKeepAlive(true, keepaliveMs);
	return socket instanceof TLSSocket ? new TlsRoute(sink, socket, origin) : new TcpRoute(sink, socket, origin);
}

/** The TLS status lines of a route just added; nothing for a plain one. */
export function reportHandshake(route: Route, socket: import('node:net').Socket, report: (level: ReportLevel, text: string) => void): void {
	if (!(socket instanceof TLSSocket) || !route.tls) return;
	for (const line of describeHandshake(route.peer, route.tls, socket)) report(line.level, line.text);
	const unverified = route.origin === 'outbound' ? unverifiedReason(socket) : undefined;
	if (unverified) report('warning', `warning: the TLS certificate of ${route.peer} is not verified (--tls-insecure): ${unverified}`);
}
