// The listening sockets of a stream run (TCP, TLS, Unix): bound at start (all or nothing) or one
// at a time from the UI, closed from the UI, and their -m changed while they run. Accepted sockets
// go back to the session, which makes them routes (or --fork pairs).
import type net from 'node:net';
import {formatAddress, formatUnixAddress, hostOf, type IpListenSpec, type UnixAddress} from './address.js';
import {isLoopbackAddress} from './local/exec-input.js';
import {AccessGate, type AccessFilter} from './net/access-filter.js';
import type {ListenerReports} from './net/listener-reports.js';
import {listenAddresses} from './net/resolve.js';
import {listenTcp} from './net/tcp.js';
import type {TlsAcceptor} from './net/tls-server.js';
import {listenUnix} from './net/unix.js';
import type {ReportLevel} from './router/router.js';

export interface ListenerInfo {
	address: string;
	protocol: 'TCP' | 'TLS' | 'UDP' | 'UNIX';
	/** Undefined for a Unix socket. */
	family?: 4 | 6;
	/** TCP: clients now, the -m limit, and clients refused for it (the UI lists them). */
	clients?: {now: number; max: number; refused: number};
	/** Sources turned away by --allow/--deny (TCP connections, UDP datagrams). */
	denied?: number;
}

export interface ListenerHost {
	report(level: ReportLevel, text: string): void;
	/** An accepted TCP socket, or a TLS one after its handshake. */
	acceptStream(socket: net.Socket): void;
	/** An accepted Unix socket, named by the listener's path. */
	acceptUnix(socket: net.Socket, spec: UnixAddress): void;
}

export interface ListenerSettings {
	maxClients: number;
	family?: 4 | 6 | undefined;
	/** --keepalive: set once on each TCP listening socket, for its connections to inherit (tcp.ts). */
	keepaliveMs?: number;
}

interface Bound {
	server: net.Server;
	/** The -m limit now (the UI may change it). */
	limit: {max: number};
}

export class StreamListeners {
	/** What the UI lists: stream listeners, and UDP ones the session adds. */
	readonly listening: ListenerInfo[] = [];
	private readonly bound = new Map<ListenerInfo, Bound>();
	/** --allow/--deny, built at start. */
	access: AccessFilter | undefined;

	constructor(
		private readonly settings: ListenerSettings,
		private readonly host: ListenerHost,
		private readonly reports: ListenerReports,
	) {}

	/** Stream listeners still open. */
	get openCount(): number {
		return this.bound.size;
	}

	/** Binds every address of one listen spec, or none of them (the error is thrown). */
	async listen(spec: IpListenSpec | UnixAddress, acceptor: TlsAcceptor | undefined): Promise<ListenerInfo[]> {
		if (spec.kind === 'unix') return [await this.listenUnix(spec)];
		const made: ListenerInfo[] = [];
		try {
			for (const address of await listenAddresses(spec, this.settings.family)) {
				made.push(await this.listenTcp(address, spec.port, acceptor));
			}
		} catch (error) {
			for (const info of made) this.close(info);
			throw error;
		}
		return made;
	}

	private async listenTcp(address: {address: string; family: 4 | 6}, port: number, acceptor: TlsAcceptor | undefined) {
		const limit = {max: this.settings.maxClients};
		const clients = {now: 0, max: limit.max, refused: 0};
		const info: ListenerInfo = {
			address: formatAddress(address.address, port),
			protocol: acceptor ? 'TLS' : 'TCP',
			family: address.family,
			clients,
		};
		const access = this.access;
		const server = await listenTcp(address, port, {
			maxClients: limit.max,
			// TLS reads the socket itself: no onread fast path under it.
			plainReads: acceptor === undefined,
			...(this.settings.keepaliveMs === undefined ? {} : {keepaliveMs: this.settings.keepaliveMs}),
			onConnection: socket => {
				clients.now++;
				socket.once('close', () => clients.now--);
				if (acceptor) acceptor.accept(socket);
				else this.host.acceptStream(socket);
			},
			onDrop: peer => {
				clients.refused++;
				this.reports.refused(peer, limit.max);
			},
			...(access ? {gate: new AccessGate(access, info, text => this.host.report('verbose', text))} : {}),
			onAcceptError: (error, listener) => this.reports.acceptFailed(error, listener),
		});
		const bound = server.address() as net.AddressInfo;
		info.address = formatAddress(bound.address, bound.port);
		this.bound.set(info, {server, limit});
		this.listening.push(info);
		this.host.report('info', `Listening on ${info.address}, protocol ${info.protocol}, family IPv${info.family}`);
		return info;
	}

	/** A Unix listener: its peers are routes like TCP's, named by the path. */
	private async listenUnix(spec: UnixAddress): Promise<ListenerInfo> {
		const limit = {max: this.settings.maxClients};
		const {server, notice} = await listenUnix(spec, {
			maxClients: limit.max,
			onConnection: socket => this.host.acceptUnix(socket, spec),
			onDrop: () =>
				this.host.report('warning', `Refused connection on ${formatUnixAddress(spec)}: already ${limit.max} client(s) (-m)`),
		});
		if (notice) this.host.report('info', notice);
		const info: ListenerInfo = {address: formatUnixAddress(spec), protocol: 'UNIX'};
		this.bound.set(info, {server, limit});
		this.listening.push(info);
		this.host.report('info', `Listening on ${formatUnixAddress(spec)}, protocol UNIX`);
		return info;
	}

	/** The stream listener listed under this address, if one is open. */
	find(address: string): ListenerInfo | undefined {
		return [...this.bound.keys()].find(info => info.address === address);
	}

	/** Stops accepting on one listener; its clients stay connected. */
	close(info: ListenerInfo): void {
		const bound = this.bound.get(info);
		if (!bound) return;
		this.bound.delete(info);
		bound.server.close();
		const index = this.listening.indexOf(info);
		if (index !== -1) this.listening.splice(index, 1);
	}

	/** -m for one listener from now on: clients already connected past a lower limit stay. */
	setMaxClients(info: ListenerInfo, max: number): void {
		const bound = this.bound.get(info);
		if (!bound) return;
		bound.limit.max = max;
		bound.server.maxConnections = max;
		if (info.clients) info.clients.max = max;
	}

	/** The current -m of a stream listener. */
	maxClientsOf(info: ListenerInfo): number | undefined {
		return this.bound.get(info)?.limit.max;
	}

	/** The run ends: every listener stops (they stay listed on the kept screen). */
	closeAll(): void {
		for (const {server} of this.bound.values()) server.close();
		this.bound.clear();
	}
}

/** -e or --exec-each behind a listener that other machines reach hands them a command: the warning, if so. */
export function execExposureWarning(listening: readonly ListenerInfo[], flag: string, command: string): string | undefined {
	const exposed = listening.find(info => info.protocol !== 'UNIX' && !isLoopbackAddress(hostOf(info.address)));
	if (!exposed) return undefined;
	return `warning: ${flag} runs "${command}" for anyone who reaches ${exposed.address} (${exposed.protocol}, not a loopback address)`;
}
