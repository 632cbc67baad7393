// The one interface every peer and the local IO share, so one router serves TCP, UDP and local.
import type {ReportLevel} from './router.js';

/** A small number naming a route for its lifetime; 0 is the local IO. */
export type RouteId = number;
export const localRouteId: RouteId = 0;

/** Bytes and the route they came from. The Buffer is passed along, never copied. */
export interface SourcedBytes {
	routeId: RouteId;
	data: Buffer;
}

/**
 * 'unix' is a stream socket on a path; TLS runs over 'tcp' (or 'unix') and shows in `tls`.
 * 'exec' is a child process started for one peer (--exec-each).
 */
export type Protocol = 'tcp' | 'udp' | 'unix' | 'local' | 'exec';

/** What a finished TLS handshake tells; present on a route only when it runs TLS. */
export interface TlsFacts {
	/** e.g. `TLSv1.3`. */
	version: string;
	cipher: string;
	/** The negotiated ALPN protocol, when one was. */
	alpn?: string;
	/** The peer certificate, when the peer sent one. */
	peerCertificate?: {subject: string; issuer: string; validTo: string; fingerprint256: string};
}

/** What the rest of the program may know about a route. */
export interface RouteInfo {
	id: RouteId;
	protocol: Protocol;
	/** How the route came to be: accepted by a listener, opened by us, or the local IO. */
	origin: 'inbound' | 'outbound' | 'local';
	/** Formatted addresses, e.g. `127.0.0.1:5000` and `[::1]:40000`. */
	local: string;
	peer: string;
	/** The peer's IP without port; channels pair routes whose peer hosts differ. */
	peerHost: string;
	family: 4 | 6 | undefined;
	/** Set on TLS routes once the handshake is done; the router never reads it. */
	tls?: TlsFacts;
	/** Set on an --exec-each child's route: its pid, and how it ended once it did. */
	child?: {command: string; pid?: number; status?: string; /** `#3 127.0.0.1:40000` */ servedPeer: string};
}

/** A route as the router drives it. Adapters report back through the Router methods. */
export interface Route extends RouteInfo {
	/** Queues data; false means "stop sending until you call drained()". */
	write(data: Buffer): boolean;
	/** Stop and restart reading from this route (backpressure). */
	pause(): void;
	resume(): void;
	/** Graceful close: flush, then half-close (TCP FIN). onFlushed runs once written out. */
	end(onFlushed?: () => void): void;
	/** Abort at once. */
	destroy(): void;
	/** Bytes written but not yet acknowledged by the peer, when the OS tells (TCP on Linux). */
	unacked?(): Promise<number | undefined>;
	/**
	 * True when every byte written so far has been handed to the OS (nothing queued here), so the
	 * caller may overwrite the Buffers it wrote. Absent means "maybe not": never reused.
	 */
	holdsNoBytes?(): boolean;
	/**
	 * How many of the bytes written so far are still held here, in the order written (a socket's
	 * writableLength): any Buffer written before those newest bytes may be overwritten. Absent:
	 * holdsNoBytes decides (0 or everything).
	 */
	heldBytes?(): number;
}

/** Where a route adapter reports what happens on it: the router, or a stage in front of it. */
export interface RouteSink {
	allocateId(): RouteId;
	receive(bytes: SourcedBytes): void;
	drained(id: RouteId): void;
	peerEnded(id: RouteId): void;
	removeRoute(id: RouteId, error?: Error): void;
	/**
	 * Has everything that got the last bytes from `id` let go of them (so its read buffer may be
	 * read into again)? Absent (a stage that delays bytes) means no.
	 */
	released?(id: RouteId): boolean;
	/**
	 * How many of the last bytes received from `id` may still be held by whoever got them
	 * (Infinity: unknown). Absent (a stage that delays bytes) means Infinity.
	 */
	heldBytes?(id: RouteId): number;
}

/** What an adapter that makes its own routes (UDP) needs: add them, report, and the sink. */
export interface RouteHost extends RouteSink {
	addRoute(route: Route): void;
	report(level: ReportLevel, text: string): void;
}
