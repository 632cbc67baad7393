// UDP sockets as routes. A UdpEndpoint owns one dgram socket; each peer it talks to is a
// UdpPeerRoute on the shared Router, made when the peer's first datagram arrives (or up front for
// a target). One datagram in is one SourcedBytes; one write is one datagram out.
//
// A UDP peer has no connection, so nothing ends its route by itself. What does:
// - destroy() (the UI's disconnect, session end): the route is forgotten; if the peer sends again
//   it is a new peer. Forgetting a target's route closes the target's socket(s) and forgets the
//   peers seen on them.
// - end() only flushes: UDP has no half-close, so local input ending or a channel partner
//   closing leaves the route up.
import dgram from 'node:dgram';
import {formatAddress} from '../address.js';
import {isIpv4Mapped} from '../address-family.js';
import {describeError, RuntimeError} from '../errors.js';
import {maxQueuedChunks} from '../router/chunk-budget.js';
import type {Route, RouteHost, RouteId} from '../router/route.js';
import type {AccessGate} from './access-filter.js';
import type {ResolvedAddress} from './resolve.js';
import type {UdpPeerLimits} from './udp-peer-limits.js';

/** The largest UDP payload over IPv4 (65535 - 20 - 8); IPv6 allows 20 more. */
export const maxUdpPayload = 65_507;

/** Bytes handed to the socket and not yet sent before writes say "stop"; resume below half. */
export const sendLimit = 512 * 1024;

export interface UdpSocketOptions {
	broadcast: boolean;
	ttl?: number;
	sendBufferSize?: number;
	receiveBufferSize?: number;
	/** Loop own multicast datagrams back to this host's other sockets. */
	multicastLoop: boolean;
}

export interface UdpBindRequest {
	address: ResolvedAddress;
	port: number;
	/** Several sockets may share the port (multicast members). */
	reuseAddr?: boolean;
}

export class UdpPeerRoute implements Route {
	readonly id: RouteId;
	readonly protocol = 'udp';
	readonly local: string;
	readonly peer: string;
	readonly family: 4 | 6;
	/** Datagrams dropped because a destination was busy; UDP cannot ask its sender to wait. */
	dropped = 0;
	paused = false;
	/** When the peer's last datagram came (Date.now()); silence past --udp-peer-idle forgets it. */
	lastHeard = Date.now();
	/** Problems already reported for this peer (drops, send errors): each is said once. */
	readonly reported = new Set<string>();

	constructor(
		router: RouteHost,
		private readonly endpoint: UdpEndpoint,
		readonly peerHost: string,
		readonly peerPort: number,
		readonly origin: 'inbound' | 'outbound',
		/** The socket is connected to this peer: send without an address. */
		readonly connected: boolean,
	) {
		this.id = router.allocateId();
		this.family = endpoint.family;
		this.local = endpoint.localAddress;
		this.peer = formatAddress(peerHost, peerPort);
	}

	write(data: Buffer): boolean {
		return this.endpoint.send(this, data);
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
		this.endpoint.reportDrops(this);
	}

	end(onFlushed?: () => void): void {
		this.endpoint.whenFlushed(onFlushed);
	}

	destroy(): void {
		this.endpoint.forget(this);
	}
}

export class UdpEndpoint {
	/** The bound address; a connected socket shows the source address the system chose. */
	localAddress: string;
	readonly port: number;
	private readonly routes = new Map<string, UdpPeerRoute>();
	/** The target route this socket was opened for; forgetting it closes the socket. */
	private owner: UdpPeerRoute | undefined;
	/** Sockets that live and die with this one (a multicast target's member socket). */
	private readonly linked: UdpEndpoint[] = [];
	private inFlight = 0;
	/** Datagrams handed to the socket and not yet sent: each costs memory beyond its bytes. */
	private inFlightChunks = 0;
	private readonly waitingForDrain = new Set<UdpPeerRoute>();
	private flushWaiters: Array<() => void> = [];
	private closed = false;
	/** How many peers this socket remembers, and for how long (udp-peer-limits.ts). */
	private limits: UdpPeerLimits | undefined;
	private sweepTimer: NodeJS.Timeout | undefined;
	/** Own datagrams looped back by multicast: ignored, they are not a peer. */
	private ignoreSource: ((address: string, port: number) => boolean) | undefined;
	/** --allow/--deny on a listener: a denied source's datagrams are dropped and never make a peer. */
	private gate: AccessGate | undefined;

	private constructor(
		private readonly router: RouteHost,
		private readonly socket: dgram.Socket,
		readonly family: 4 | 6,
	) {
		const bound = socket.address();
		this.port = bound.port;
		this.localAddress = formatAddress(bound.address, bound.port);
		socket.on('message', (data, info) => this.received(data, info));
		socket.on('error', error => this.socketError(error));
	}

	/** Binds a socket; rejects with a one-line RuntimeError. */
	static async open(router: RouteHost, request: UdpBindRequest, options: UdpSocketOptions, what: string): Promise<UdpEndpoint> {
		const {address, port} = request;
		const socket = dgram.createSocket({
			type: address.family === 6 ? 'udp6' : 'udp4',
			// `*:PORT` binds 0.0.0.0 and [::] on the same port.
			ipv6Only: address.family === 6 && !isIpv4Mapped(address.address),
			reuseAddr: request.reuseAddr ?? false,
		});
		await new Promise<void>((resolve, reject) => {
			socket.once('error', error => {
				socket.close();
				reject(new RuntimeError(`${what} ${formatAddress(address.address, port)}: ${describeError(error)}`));
			});
			socket.bind({address: address.address, port}, () => {
				socket.removeAllListeners('error');
				resolve();
			});
		});
		try {
			socket.setBroadcast(options.broadcast);
			socket.setMulticastLoopback(options.multicastLoop);
			if (options.ttl !== undefined) {
				socket.setTTL(options.ttl);
				socket.setMulticastTTL(options.ttl);
			}
			if (options.sendBufferSize !== undefined) socket.setSendBufferSize(options.sendBufferSize);
			if (options.receiveBufferSize !== undefined) socket.setRecvBufferSize(options.receiveBufferSize);
		} catch (error) {
			socket.close();
			throw new RuntimeError(`cannot set socket options on ${formatAddress(address.address, port)}: ${describeError(error)}`);
		}
		return new UdpEndpoint(router, socket, address.family);
	}

	/** Buffer sizes as the system set them (Linux reports double the value it was given). */
	bufferSizes(): {send: number; receive: number} {
		return {send: this.socket.getSendBufferSize(), receive: this.socket.getRecvBufferSize()};
	}

	/** The route of a target, added to the router. connect: only datagrams from it are received. */
	async addTarget(address: ResolvedAddress, port: number, connect: boolean): Promise<UdpPeerRoute> {
		if (connect) {
			await new Promise<void>((resolve, reject) => {
				this.socket.connect(port, address.address, (error?: Error) => (error ? reject(error) : resolve()));
			});
			const bound = this.socket.address();
			this.localAddress = formatAddress(bound.address, bound.port);
		}
		const route = new UdpPeerRoute(this.router, this, address.address, port, 'outbound', connect);
		this.owner = route;
		this.routes.set(route.peer, route);
		this.router.addRoute(route);
		return route;
	}

	/** Joins a multicast group; `iface` is an interface address (IPv4) or `::%name` (IPv6). */
	join(group: string, iface: string | undefined): void {
		this.socket.addMembership(group, iface);
	}

	/** Sends multicast out of the interface with this address (IPv4) or `::%name` (IPv6). */
	setMulticastInterface(iface: string): void {
		this.socket.setMulticastInterface(iface);
	}

	limitPeers(limits: UdpPeerLimits): void {
		this.limits = limits;
		if (limits.rules.idleMs === 0) return;
		this.sweepTimer = setInterval(() => this.forgetIdlePeers(), limits.sweepMs);
		this.sweepTimer.unref();
	}

	link(endpoint: UdpEndpoint): void {
		this.linked.push(endpoint);
	}

	ignoreFrom(filter: (address: string, port: number) => boolean): void {
		this.ignoreSource = filter;
	}

	guard(gate: AccessGate): void {
		this.gate = gate;
	}

	send(route: UdpPeerRoute, data: Buffer): boolean {
		if (this.closed) return true;
		// Counted from hand-over to completion: getSendQueueSize() misses sends still waiting on
		// the address lookup dgram does first.
		this.inFlight += data.length;
		this.inFlightChunks++;
		const done = (error: Error | null) => {
			this.inFlight -= data.length;
			this.inFlightChunks--;
			// Sends cut short by close() are no news.
			if (error && !this.closed) this.sendFailed(route, error, data.length);
			if (this.inFlight <= sendLimit / 2 && this.inFlightChunks <= maxQueuedChunks / 2) this.drained();
		};
		if (route.connected) this.socket.send(data, done);
		else this.socket.send(data, route.peerPort, route.peerHost, done);
		if (this.inFlight <= sendLimit && this.inFlightChunks < maxQueuedChunks) return true;
		this.waitingForDrain.add(route);
		return false;
	}

	whenFlushed(onFlushed: (() => void) | undefined): void {
		if (!onFlushed) return;
		if (this.inFlight === 0 || this.closed) onFlushed();
		else this.flushWaiters.push(onFlushed);
	}

	reportDrops(route: UdpPeerRoute): void {
		if (route.dropped === 0) return;
		this.router.report('verbose', `Dropped ${route.dropped} datagram(s) from ${route.peer} while its destinations were busy`);
		route.dropped = 0;
	}

	forget(route: UdpPeerRoute): void {
		if (route === this.owner) {
			this.close();
			return;
		}
		if (this.routes.get(route.peer) !== route) return;
		this.routes.delete(route.peer);
		this.waitingForDrain.delete(route);
		this.router.removeRoute(route.id);
	}

	/** Closes the socket and forgets every peer seen on it. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		clearInterval(this.sweepTimer);
		for (const route of [...this.routes.values()]) {
			this.routes.delete(route.peer);
			this.router.removeRoute(route.id);
		}
		this.waitingForDrain.clear();
		this.callFlushWaiters();
		for (const endpoint of this.linked) endpoint.close();
		this.socket.close();
	}

	private received(data: Buffer, info: dgram.RemoteInfo): void {
		if (this.closed || this.ignoreSource?.(info.address, info.port)) return;
		const key = formatAddress(info.address, info.port);
		let route = this.routes.get(key);
		if (!route) {
			// Checked for sources without a route only: a peer was admitted when it was made.
			if (this.gate && !this.gate.admits(info.address, key, 'datagram')) return;
			if (this.limits && !this.limits.admits(this.routes.size - (this.owner ? 1 : 0))) {
				this.limits.droppedNewPeer(key, this.localAddress);
				return;
			}
			route = new UdpPeerRoute(this.router, this, info.address, info.port, 'inbound', false);
			this.routes.set(key, route);
			this.router.addRoute(route);
		} else {
			route.lastHeard = Date.now();
		}
		if (route.paused) {
			route.dropped++;
			if (firstTime(route, 'drop'))
				this.router.report(
					'warning',
					`Dropping datagrams from ${route.peer}: its destinations are busy and UDP cannot make it wait`,
				);
			return;
		}
		this.router.receive({routeId: route.id, data});
	}

	private forgetIdlePeers(): void {
		const now = Date.now();
		for (const route of [...this.routes.values()]) {
			if (route === this.owner || !this.limits!.isIdle(route.lastHeard, now)) continue;
			this.limits!.forgotIdle(route.peer, this.localAddress);
			this.forget(route);
		}
	}

	private drained(): void {
		for (const route of [...this.waitingForDrain]) {
			this.waitingForDrain.delete(route);
			this.router.drained(route.id);
		}
		if (this.inFlight === 0) this.callFlushWaiters();
	}

	private callFlushWaiters(): void {
		const waiters = this.flushWaiters;
		this.flushWaiters = [];
		for (const waiter of waiters) waiter();
	}

	private sendFailed(route: UdpPeerRoute, error: Error, size: number): void {
		const code = (error as NodeJS.ErrnoException).code ?? error.message;
		if (code === 'ECONNREFUSED') {
			this.refused(route);
			return;
		}
		// Once per peer and cause: a stream of failing datagrams must not flood the screen.
		if (!firstTime(route, code)) return;
		const hints: Record<string, string> = {
			EMSGSIZE: ` (a ${size}-byte datagram; --ss sets the size of local input datagrams)`,
			EACCES: ' (sending to a broadcast address needs -b)',
		};
		this.router.report('error', `cannot send to ${route.peer}: ${describeError(error)}${hints[code] ?? ''}`);
	}

	/** ICMP port unreachable: the peer is not listening (yet). Not fatal: UDP carries on. */
	private refused(route: UdpPeerRoute): void {
		if (firstTime(route, 'ECONNREFUSED'))
			this.router.report('warning', `${route.peer} refused a datagram (ICMP port unreachable); still sending`);
	}

	private socketError(error: Error): void {
		const code = (error as NodeJS.ErrnoException).code;
		// A connected socket hears ICMP errors on its next receive.
		if (code === 'ECONNREFUSED' && this.owner?.connected) {
			this.refused(this.owner);
			return;
		}
		this.router.report('warning', `UDP socket ${this.localAddress}: ${describeError(error)}`);
	}
}

function firstTime(route: UdpPeerRoute, problem: string): boolean {
	if (route.reported.has(problem)) return false;
	route.reported.add(problem);
	return true;
}
