// The one way a target is dialled: at start for every target, and for each client with --fork.
// It resolves, connects (with reconnects when asked) and makes a Route of each connection, so a
// new transport (TLS, Unix, a proxy) is added here once and works for both.
import type {HostTarget} from '../address.js';
import type {RuntimeError} from '../errors.js';
import type {Route, RouteSink} from '../router/route.js';
import {TcpRoute} from './tcp.js';
import {TcpConnector} from './tcp-connector.js';

export interface DialOptions {
	family?: 4 | 6;
	/** --keepalive idle time for each connection; 0 or absent: off. */
	keepaliveMs?: number;
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
	/** A connection is up, as a route reporting to the sink. */
	onRoute(route: Route): void;
	onReport(level: 'verbose' | 'warning', text: string): void;
	/** No more connections will come; error is set when none ever did. */
	onDone(error?: RuntimeError): void;
}

export type Dialler = TcpConnector;

export function dialTarget(target: HostTarget, sink: RouteSink, options: DialOptions): Dialler {
	const connector = new TcpConnector(target, {
		...(options.family ? {family: options.family} : {}),
		reconnectOnClose: options.reconnectOnClose,
		reconnectOnError: options.reconnectOnError,
		onConnected: socket => options.onRoute(new TcpRoute(sink, socket, 'outbound', options.keepaliveMs)),
		onReport: options.onReport,
		onDone: options.onDone,
	});
	connector.start();
	return connector;
}
