// A connected stream socket -> its route: TLS sockets carry their handshake facts, and their
// status lines (version, cipher, ALPN, certificate, expiry) are reported once the route exists.
import type {TLSSocket} from 'node:tls';
import type {ReportLevel} from '../router/router.js';
import type {Route, RouteSink} from '../router/route.js';
import {inheritedKeepaliveMs, TcpRoute, type StreamIdentity} from './tcp.js';
import {unverifiedReason} from './tls-client.js';
import {describeHandshake} from './tls-facts.js';
import {TlsRoute} from './tls-route.js';

/** identity: how a Unix route names itself; keepaliveMs: --keepalive, so a vanished peer is found (0: off). */
export function streamRoute(
	sink: RouteSink,
	socket: import('node:net').Socket,
	origin: 'inbound' | 'outbound',
	{identity, keepaliveMs = 0}: {identity?: StreamIdentity; keepaliveMs?: number} = {},
): Route {
	// An accepted socket may have it from its listener already (tcp.ts).
	if (keepaliveMs > 0 && identity?.protocol !== 'unix' && inheritedKeepaliveMs(socket) !== keepaliveMs) {
		socket.setKeepAlive(true, keepaliveMs);
	}
	if (isTlsSocket(socket)) return new TlsRoute(sink, socket, origin);
	return identity ? new TcpRoute(sink, socket, origin, identity) : new TcpRoute(sink, socket, origin);
}

/** The TLS status lines of a route just added; nothing for a plain one. */
export function reportHandshake(route: Route, socket: import('node:net').Socket, report: (level: ReportLevel, text: string) => void): void {
	if (!isTlsSocket(socket) || !route.tls) return;
	for (const line of describeHandshake(route.peer, route.tls, socket)) report(line.level, line.text);
	const unverified = route.origin === 'outbound' ? unverifiedReason(socket) : undefined;
	if (unverified) report('warning', `warning: the TLS certificate of ${route.peer} is not verified (--tls-insecure): ${unverified}`);
}

/** Node documents `encrypted` (always true) as the way to tell a TLSSocket from a net.Socket. */
function isTlsSocket(socket: import('node:net').Socket): socket is TLSSocket {
	return (socket as Partial<TLSSocket>).encrypted === true;
}
