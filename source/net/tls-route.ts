// A TLS connection as a route: the TCP adapter as it is (a TLSSocket is a net.Socket: writes,
// backpressure, end() sends close_notify then FIN), plus the handshake's facts for the UI and the
// status lines. The router never reads them.
import type {TLSSocket} from 'node:tls';
import type {RouteSink, TlsFacts} from '../router/route.js';
import {TcpRoute} from './tcp.js';
import {tlsFactsOf} from './tls-facts.js';

export class TlsRoute extends TcpRoute {
	readonly tls: TlsFacts;

	constructor(sink: RouteSink, socket: TLSSocket, origin: 'inbound' | 'outbound') {
		super(sink, socket, origin);
		this.tls = tlsFactsOf(socket);
	}
}
