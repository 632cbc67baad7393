// The one way a target is dialled: at start for every target, and for each client with --fork.
// It resolves, connects (with reconnects when asked) and makes a Route of each connection, so a
// new transport (TLS, Unix, a proxy) is added here once and works for both.
import type {TargetSpec} from '../address.js';
import type {RuntimeError} from '../errors.js';
import type {ProxySpec} from '../proxy-options.js';
import type {Route, RouteSink} from '../router/route.js';
import {TcpRoute} from './tcp.js';
import {TcpConnector} from './tcp-connector.js';

export interface DialOptions {
	family?: 4 | 6;
	/** --proxy: TCP targets go through it (Unix targets never do). */
	proxy?: ProxySpec;
	/** -w: one attempt, a proxy handshake included. */
	connectTimeoutMs?: number;
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
	/** A connection is up, as a route reporting to the sink. */
	onRoute(route: Route): void;
	onReport(level: 'verbose' | 'warning', text: string): void;
	/** No more connections will come; error is set when none ever did. */
	onDone(error?: RuntimeError): void;
}

export type Dialler = TcpConnector;

export function dialTarget(target: TargetSpec, sink: RouteSink, options: DialOptions): Dialler {
	const connector = new TcpConnector(target, {
		dial: {...(options.family ? {family: options.family} : {}), ...(options.proxy ? {proxy: options.proxy} : {})},
		...(options.connectTimeoutMs !== undefined ? {connectTimeoutMs: options.connectTimeoutMs} : {}),
		reconnectOnClose: options.reconnectOnClose,
		reconnectOnError: options.reconnectOnError,
		onConnected: (socket, identity) => options.onRoute(new TcpRoute(sink, socket, 'outbound', identity)),
		onReport: options.onReport,
		onDone: options.onDone,
	});
	connector.start();
	return connector;
}
