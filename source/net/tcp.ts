// TCP sockets as routes: the adapter maps socket events to the router once, in the constructor.
import net from 'node:net';
import {formatAddress} from '../address.js';
import {isIpv4Mapped} from '../address-family.js';
import {describeError, RuntimeError} from '../errors.js';
import {ChunkBudget} from '../router/chunk-budget.js';
import {limitConnect} from '../lifecycle/connect-timeout.js';
import type {Protocol, Route, RouteId, RouteSink} from '../router/route.js';
import type {AccessGate} from './access-filter.js';
import {withReadBuffers} from './accepted-socket.js';
import {DescriptorWatch, outOfDescriptorsError} from './fd-limit.js';
import {ReadBuffers} from './read-buffers.js';
import {unackedBytes} from './unacked-bytes.js';
import type {ResolvedAddress} from './resolve.js';

/**
 * Bytes a socket may queue before write() says "stop". The 16 KiB default is below one 64 KiB
 * read, so every chunk forwarded paused and resumed its source; this keeps a few chunks in flight.
 */
const socketHighWaterMark = 1 << 20;

/**
 * Addresses taken when the socket was accepted or dialed: a peer that resets at once leaves a
 * socket whose remoteAddress is undefined by the time the route is made ("to ?:0").
 */
interface KnownAddresses {
	peerHost?: string;
	peerPort?: number;
	family?: string;
	localHost?: string;
	localPort?: number;
}
const knownAddressesOf = new WeakMap<net.Socket, KnownAddresses>();

function addressesOf(socket: net.Socket): KnownAddresses {
	return {
		peerHost: socket.remoteAddress,
		peerPort: socket.remotePort,
		family: socket.remoteFamily,
		localHost: socket.localAddress,
		localPort: socket.localPort,
	};
}

/**
 * Accepted sockets that got TCP_NODELAY and keepalive from their listening socket (Linux copies
 * both to every connection it accepts), with that keepalive delay: two to five setsockopt() calls
 * fewer per accept, which in a burst of 10,000 peers were a tenth of each accept's CPU (issue 17).
 */
const optionsFromListener = new WeakMap<net.Socket, {keepaliveMs: number}>();

/** The keepalive delay an accepted socket already has from its listener, if it has one. */
export function inheritedKeepaliveMs(socket: net.Socket): number | undefined {
	return optionsFromListener.get(socket)?.keepaliveMs;
}

/**
 * Sets TCP_NODELAY and keepalive on a listening socket, for the connections it accepts to inherit.
 * Only on Linux, where that inheritance is known; false when not done (each socket then sets its own).
 */
function setListenerOptions(server: net.Server, keepaliveMs: number): boolean {
	if (process.platform !== 'linux') return false;
	const handle = (
		server as unknown as {_handle?: {setNoDelay?: (on: boolean) => number; setKeepAlive?: (on: boolean, seconds: number) => number}}
	)._handle;
	if (typeof handle?.setNoDelay !== 'function' || typeof handle.setKeepAlive !== 'function') return false;
	if (handle.setNoDelay(true) !== 0) return false;
	// As net.Socket#setKeepAlive converts its delay: whole seconds.
	return keepaliveMs <= 0 || handle.setKeepAlive(true, Math.trunc(keepaliveMs / 1000)) === 0;
}

/** Sockets that read through `onread`: their bytes come from here instead of 'data' events. */
const readBuffersOf = new WeakMap<net.Socket, ReadBuffers>();

/** How a stream route names itself: TCP from its socket's addresses, Unix from its path. */
export interface StreamIdentity {
	protocol: Extract<Protocol, 'tcp' | 'unix'>;
	local: string;
	peer: string;
	peerHost: string;
	family: 4 | 6 | undefined;
}

export function tcpIdentity(socket: net.Socket): StreamIdentity {
	const known = knownAddressesOf.get(socket);
	const peerHost = socket.remoteAddress ?? known?.peerHost ?? '?';
	return {
		protocol: 'tcp',
		local: formatAddress(socket.localAddress ?? known?.localHost ?? '?', socket.localPort ?? known?.localPort ?? 0),
		peer: formatAddress(peerHost, socket.remotePort ?? known?.peerPort ?? 0),
		peerHost,
		family: (socket.remoteFamily ?? known?.family) === 'IPv6' ? 6 : 4,
	};
}

/** A stream socket (TCP, or Unix with a unix identity) as a route. */
export class TcpRoute implements Route {
	readonly id: RouteId;
	readonly protocol: StreamIdentity['protocol'];
	readonly local: string;
	readonly peer: string;
	readonly peerHost: string;
	readonly family: 4 | 6 | undefined;
	private error: Error | undefined;
	private readonly budget: ChunkBudget;
	/** Kept from the start: a socket forgets its ports once it closes. */
	private readonly localPort: number | undefined;
	private readonly remotePort: number | undefined;

	constructor(
		router: RouteSink,
		private readonly socket: net.Socket,
		readonly origin: 'inbound' | 'outbound',
		identity: StreamIdentity = tcpIdentity(socket),
	) {
		this.id = router.allocateId();
		({protocol: this.protocol, local: this.local, peer: this.peer, peerHost: this.peerHost, family: this.family} = identity);
		const known = knownAddressesOf.get(socket);
		this.localPort = socket.localPort ?? known?.localPort;
		this.remotePort = socket.remotePort ?? known?.peerPort;
		// Keystrokes and small replies go out at once; large transfers are unaffected.
		if (!optionsFromListener.has(socket)) socket.setNoDelay(true);
		this.budget = new ChunkBudget(() => router.drained(this.id));
		const deliver = (data: Buffer) => router.receive({routeId: this.id, data});
		const readBuffers = readBuffersOf.get(socket);
		if (readBuffers) readBuffers.attach(deliver, router.heldBytes ? () => router.heldBytes!(this.id) : undefined);
		else socket.on('data', deliver);
		socket.on('drain', () => router.drained(this.id));
		socket.on('end', () => router.peerEnded(this.id));
		socket.on('error', error => {
			this.error = error;
		});
		socket.on('close', () => router.removeRoute(this.id, this.error));
	}

	write(data: Buffer): boolean {
		// Bytes for a route that is already closing have nowhere to go.
		if (!this.socket.writable) return true;
		return this.budget.afterWrite(this.socket.write(data, this.budget.written));
	}

	holdsNoBytes(): boolean {
		// Node takes a written chunk off this count once the OS has all of it, even when it calls
		// the write's callback later; a write the OS could not take at once stays counted.
		return this.socket.writableLength === 0;
	}

	heldBytes(): number {
		const held = this.socket.writableLength;
		// Once the socket stops taking writes (ended), later bytes are dropped, not queued: the
		// queue no longer holds "the newest bytes", so only an empty one says anything.
		return held === 0 || this.socket.writable ? held : Number.POSITIVE_INFINITY;
	}

	pause(): void {
		this.socket.pause();
	}

	resume(): void {
		this.socket.resume();
	}

	end(onFlushed?: () => void): void {
		if (onFlushed) {
			let called = false;
			const done = () => {
				if (called) return;
				called = true;
				onFlushed();
			};
			this.socket.once('finish', done);
			this.socket.once('close', done);
			if (this.socket.writableFinished || this.socket.destroyed) done();
		}
		if (!this.socket.writableEnded && !this.socket.destroyed) this.socket.end();
	}

	destroy(): void {
		this.socket.destroy();
	}

	async unacked(): Promise<number | undefined> {
		if (this.socket.destroyed || this.localPort === undefined || this.remotePort === undefined) return 0;
		return unackedBytes(this.localPort, this.remotePort);
	}
}

export interface TcpListenerOptions {
	maxClients: number;
	/** Read accepted sockets through ReadBuffers (default); false hands them over paused (TLS wraps them). */
	plainReads?: boolean;
	onConnection(socket: net.Socket): void;
	onDrop(peer: string): void;
	/** --allow/--deny: a denied client is closed before a byte is read, and takes no -m slot. */
	gate?: AccessGate;
	/** accept() failed (EMFILE...): the listener goes on. */
	onAcceptError?(error: Error, listener: string): void;
	/** --keepalive for accepted TCP connections, set once on the listening socket where it can be. */
	keepaliveMs?: number;
}

/** A server for TCP or Unix streams: -m, the access gate, and ReadBuffers on accepted sockets. */
export function createStreamServer(options: TcpListenerOptions): net.Server {
	// Paused on connect so that each socket can read through ReadBuffers from its first byte.
	const server = net.createServer({allowHalfOpen: true, pauseOnConnect: true, highWaterMark: socketHighWaterMark});
	server.maxConnections = options.maxClients;
	const {gate} = options;
	const descriptors = new DescriptorWatch();
	let inherited: {keepaliveMs: number} | undefined;
	server.once('listening', () => {
		const keepaliveMs = options.keepaliveMs ?? 0;
		if (server.address() !== null && typeof server.address() !== 'string' && setListenerOptions(server, keepaliveMs)) {
			inherited = {keepaliveMs};
		}
	});
	server.on('connection', (accepted: net.Socket) => {
		if (descriptors.full()) options.onAcceptError?.(outOfDescriptorsError(), listenerName(server));
		if (
			gate &&
			!gate.admits(accepted.remoteAddress ?? '', formatAddress(accepted.remoteAddress ?? '?', accepted.remotePort ?? 0), 'connection')
		) {
			// Destroyed while paused: nothing was read, and the -m count drops back at once.
			accepted.destroy();
			return;
		}
		const known = addressesOf(accepted);
		if (options.plainReads === false) {
			knownAddressesOf.set(accepted, known);
			options.onConnection(accepted);
			return;
		}
		const {socket, readBuffers} = withReadBuffers(accepted, socketHighWaterMark);
		if (inherited) optionsFromListener.set(socket, inherited);
		knownAddressesOf.set(socket, known);
		if (readBuffers) readBuffersOf.set(socket, readBuffers);
		options.onConnection(socket);
	});
	server.on('drop', data => {
		const peer = data ? formatAddress(data.remoteAddress ?? '?', data.remotePort ?? 0) : '?';
		// A denied client that arrives while -m is full is still a denied client.
		if (gate && data?.remoteAddress && !gate.admits(data.remoteAddress, peer, 'connection')) return;
		options.onDrop(peer);
	});
	return server;
}

/** How a listener is named in accept warnings: `HOST:PORT`, or `unix:PATH`. */
function listenerName(server: net.Server): string {
	const bound = server.address();
	if (bound === null) return '?';
	return typeof bound === 'string' ? `unix:${bound}` : formatAddress(bound.address, bound.port);
}

/** Binds one listening socket; rejects with a one-line RuntimeError. */
export function listenTcp(address: ResolvedAddress, port: number, options: TcpListenerOptions): Promise<net.Server> {
	const server = createStreamServer(options);
	return new Promise((resolve, reject) => {
		server.once('error', error => {
			reject(new RuntimeError(`cannot listen on ${formatAddress(address.address, port)}: ${describeError(error)}`));
		});
		// A backlog that fits a burst of a thousand clients.
		server.listen(
			{host: address.address, port, ipv6Only: address.family === 6 && !isIpv4Mapped(address.address), backlog: 4096},
			() => {
				server.removeAllListeners('error');
				server.on('error', error => options.onAcceptError?.(error, listenerName(server)));
				resolve(server);
			},
		);
	});
}

export interface ConnectRequest {
	address: ResolvedAddress;
	port: number;
	localAddress?: string;
	localPort?: number;
	/** -w: the attempt fails after this long. */
	timeoutMs?: number;
}

/** One connection attempt to one address. */
export function connectTcp(request: ConnectRequest): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const readBuffers = new ReadBuffers();
		// highWaterMark reaches the socket's streams at run time; @types/node does not list it here.
		const options: net.NetConnectOpts & {highWaterMark: number} = {
			host: request.address.address,
			port: request.port,
			family: request.address.family,
			allowHalfOpen: true,
			highWaterMark: socketHighWaterMark,
			onread: {buffer: readBuffers.nextBuffer, callback: readBuffers.received},
			...(request.localAddress !== undefined ? {localAddress: request.localAddress} : {}),
			...(request.localPort ? {localPort: request.localPort} : {}),
		};
		const socket = net.connect(options);
		readBuffersOf.set(socket, readBuffers);
		const onError = (error: Error) => {
			socket.destroy();
			reject(error);
		};
		socket.once('error', onError);
		limitConnect(socket, request.timeoutMs, reject);
		socket.once('connect', () => {
			socket.removeListener('error', onError);
			const known = addressesOf(socket);
			knownAddressesOf.set(socket, {
				...known,
				peerHost: known.peerHost ?? request.address.address,
				peerPort: known.peerPort ?? request.port,
				family: known.family ?? (request.address.family === 6 ? 'IPv6' : 'IPv4'),
			});
			resolve(socket);
		});
	});
}
