// The one way a target is dialled: at start for every target, and for each client with --fork.
// It resolves, connects (with reconnects when asked) and makes a Route of each connection, so a
// new transport (TLS, Unix, a proxy) is added here once and works for both.
import type {TargetSpec} from '../address.js';
import type {ProxySpec} from '../proxy-options.js';
import type {RuntimeError} from '../errors.js';
import type {ReportLevel} from '../router/router.js';
import type {Route, RouteSink} from '../router/route.js';
import {reportHandshake, streamRoute} from './stream-route.js';
import {TcpConnector} from './tcp-connector.js';
import type {TlsClientSettings} from './tls-client.js';

export interface DialOptions {
	family?: 4 | 6;
	/** --keepalive idle time for each connection; 0 or absent: off. */
	keepaliveMs?: number;
	/** --tls: targets without a scheme run TLS. */
	tlsByDefault: boolean;
	/** How TLS targets handshake (set when one does). */
	tls?: TlsClientSettings;
	/** --proxy: TCP and TLS targets go through it (Unix targets never do). */
	proxy?: ProxySpec;
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
	/** -w: each attempt to each address fails after this long (through a proxy: the handshake too). */
	connectTimeoutMs?: number;
	/** A connection is up, as a route reporting to the sink. */
	onRoute(route: Route): void;
	/** Attempts, and the TLS handshake's facts once the route exists. */
	onReport(level: ReportLevel, text: string): void;
	/** No more connections will come; error is set when none ever did. */
	onDone(error?: RuntimeError): void;
}

export type Dialler = TcpConnector;

export function dialTarget(target: TargetSpec, sink: RouteSink, options: DialOptions): Dialler {
	const connector = new TcpConnector(target, {
		dial: {
			...(options.family ? {family: options.family} : {}),
			...(options.connectTimeoutMs !== undefined ? {connectTimeoutMs: options.connectTimeoutMs} : {}),
			tlsByDefault: options.tlsByDefault,
			...(options.tls ? {tls: options.tls} : {}),
			...(options.proxy ? {proxy: options.proxy} : {}),
		},
		reconnectOnClose: options.reconnectOnClose,
		reconnectOnError: options.reconnectOnError,
		onConnected: (socket, identity) => {
			const route = streamRoute(sink, socket, 'outbound', {...(identity ? {identity} : {}), keepaliveMs: options.keepaliveMs});
			options.onRoute(route);
			reportHandshake(route, socket, options.onReport);
		},
		onReport: options.onReport,
		onDone: options.onDone,
	});
	connector.start();
	return connector;
}
