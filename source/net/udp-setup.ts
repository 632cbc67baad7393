// -u: the UDP sockets Options ask for (listeners, targets, multicast groups), opened all or nothing.
import {networkInterfaces} from 'node:os';
import {formatAddress, type HostTarget} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import type {Options} from '../options.js';
import type {RouteHost} from '../router/route.js';
import {AccessGate, type AccessFilter} from './access-filter.js';
import {listenAddresses, resolveHost, type ResolvedAddress} from './resolve.js';
import {UdpEndpoint, type UdpBindRequest, type UdpSocketOptions} from './udp.js';
import {UdpPeerLimits} from './udp-peer-limits.js';

export interface UdpListening {
	address: string;
	family: 4 | 6;
	/** Datagrams dropped by --allow/--deny. */
	denied?: number;
}

/** Every UDP socket of a session. Listeners keep the session alive; targets live in their routes. */
export class UdpSockets {
	readonly listening: UdpListening[] = [];
	private readonly endpoints: UdpEndpoint[] = [];
	private closed = false;

	add(endpoint: UdpEndpoint): void {
		this.endpoints.push(endpoint);
	}

	get hasListeners(): boolean {
		return !this.closed && this.listening.length > 0;
	}

	close(): void {
		this.closed = true;
		for (const endpoint of this.endpoints.splice(0)) endpoint.close();
	}
}

function wildcard(family: 4 | 6): ResolvedAddress {
	return family === 6 ? {address: '::', family} : {address: '0.0.0.0', family};
}

function isMulticast(address: string): boolean {
	if (address.includes(':')) return /^ff/i.test(address);
	const first = Number(address.split('.')[0]);
	return first >= 224 && first <= 239;
}

function withoutScope(address: string): string {
	const percent = address.indexOf('%');
	return percent === -1 ? address : address.slice(0, percent);
}

/** The interface multicast goes out of and is joined on: SRC's address (IPv4) or `::%name` (IPv6). */
function multicastInterface(source: ResolvedAddress | undefined): string | undefined {
	if (!source) return undefined;
	if (source.family === 4) return source.address;
	const percent = source.address.indexOf('%');
	if (percent !== -1) return `::${source.address.slice(percent)}`;
	for (const [name, infos] of Object.entries(networkInterfaces())) {
		if (infos?.some(info => info.address === source.address)) return `::%${name}`;
	}
	return undefined;
}

function localAddresses(): Set<string> {
	const addresses = new Set<string>();
	for (const infos of Object.values(networkInterfaces())) for (const info of infos ?? []) addresses.add(info.address);
	return addresses;
}

export async function openUdp(options: Options, router: RouteHost, access?: AccessFilter): Promise<UdpSockets> {
	const sockets = new UdpSockets();
	const socketOptions: UdpSocketOptions = {
		broadcast: options.broadcast,
		multicastLoop: options.multicastLoop,
		...(options.ttl !== undefined ? {ttl: options.ttl} : {}),
		...(options.sendBufferSize !== undefined ? {sendBufferSize: options.sendBufferSize} : {}),
		...(options.receiveBufferSize !== undefined ? {receiveBufferSize: options.receiveBufferSize} : {}),
	};
	const bufferReports = new Set<string>();
	const open = async (request: UdpBindRequest, what: string) => {
		const endpoint = await UdpEndpoint.open(router, request, socketOptions, what);
		sockets.add(endpoint);
		endpoint.limitPeers(
			new UdpPeerLimits({maxPeers: options.udpMaxPeers, idleMs: options.udpPeerIdleMs}, (level, text) => router.report(level, text)),
		);
		reportBufferSizes(endpoint, options, router, bufferReports);
		return endpoint;
	};

	try {
		for (const spec of options.listen) {
			if (spec.kind === 'unix') continue;
			for (const address of await listenAddresses(spec, options.family)) {
				const endpoint = await open({address, port: spec.port}, 'cannot listen on');
				const info: UdpListening = {address: endpoint.localAddress, family: address.family};
				if (access) endpoint.guard(new AccessGate(access, info, text => router.report('verbose', text)));
				sockets.listening.push(info);
				router.report('info', `Listening on ${endpoint.localAddress}, protocol UDP, family IPv${address.family}`);
			}
		}
		for (const target of options.targets) {
			if (target.kind === 'unix') continue;
			for (let index = 0; index < target.count; index++) await openTarget(target, options, router, open);
		}
	} catch (error) {
		sockets.close();
		throw error;
	}
	return sockets;
}

async function openTarget(
	target: HostTarget,
	options: Options,
	router: RouteHost,
	open: (request: UdpBindRequest, what: string) => Promise<UdpEndpoint>,
): Promise<void> {
	const addresses = await resolveHost(target.host, options.family);
	const sources = target.source ? await resolveHost(target.source.host, options.family) : undefined;
	// UDP has no handshake to try the next address with: the first usable one is the target.
	const address = sources ? addresses.find(candidate => sources.some(source => source.family === candidate.family)) : addresses[0];
	if (!address) throw new RuntimeError(`source ${target.source!.host} has no address of the family of ${target.host}`);
	const source = sources?.find(candidate => candidate.family === address.family);
	const destination = formatAddress(address.address, target.port);
	const multicast = isMulticast(address.address);
	if (options.multicast && !multicast) throw new RuntimeError(`--mc: ${address.address} (${target.text}) is not a multicast address`);

	const endpoint = await open({address: source ?? wildcard(address.family), port: target.source?.port ?? 0}, 'cannot bind to');
	const iface = multicast ? multicastInterface(source) : undefined;
	if (iface) {
		try {
			endpoint.setMulticastInterface(iface);
		} catch (error) {
			throw new RuntimeError(`cannot send multicast from ${iface}: ${describeError(error)}`);
		}
	}
	if (options.multicast) {
		// A second socket on the group's port receives the group; own datagrams come back to it
		// from the sending socket's port when looped, and are no peer.
		const member = await open(
			{address: wildcard(address.family), port: target.port, reuseAddr: true},
			'cannot listen for multicast on',
		);
		endpoint.link(member);
		try {
			member.join(address.address, iface);
		} catch (error) {
			throw new RuntimeError(`cannot join multicast group ${address.address}${iface ? ` on ${iface}` : ''}: ${describeError(error)}`);
		}
		const own = localAddresses();
		member.ignoreFrom((host, port) => port === endpoint.port && own.has(withoutScope(host)));
		router.report(
			'info',
			`Joined multicast group ${address.address} on ${iface ?? 'the default interface'}, receiving on ${member.localAddress}, protocol UDP, family IPv${address.family}`,
		);
	}
	// A connected socket hears ICMP errors and only its peer; broadcast and multicast answers
	// come from other addresses, so those stay unconnected.
	const connect = !multicast && !options.broadcast;
	try {
		await endpoint.addTarget(address, target.port, connect);
	} catch (error) {
		const hint = (error as NodeJS.ErrnoException).code === 'EACCES' ? ' (sending to a broadcast address needs -b)' : '';
		throw new RuntimeError(`cannot send to ${destination}: ${describeError(error)}${hint}`);
	}
}

/** --sb/--rb: say once when the system did not take the value as given. */
function reportBufferSizes(endpoint: UdpEndpoint, options: Options, router: RouteHost, reported: Set<string>): void {
	const actual = endpoint.bufferSizes();
	const check = (flag: string, requested: number | undefined, size: number, limit: string) => {
		if (requested === undefined || reported.has(flag)) return;
		reported.add(flag);
		// Linux keeps double the value for its bookkeeping and reports that.
		const linux = process.platform === 'linux';
		const granted = linux ? size / 2 : size;
		if (granted === requested) router.report('verbose', `${flag}: socket buffer set to ${requested} bytes`);
		else if (granted < requested)
			router.report(
				'warning',
				`${flag} ${requested}: the system allows only ${granted} bytes${linux ? ` (limit: sysctl ${limit})` : ''}`,
			);
		else router.report('warning', `${flag} ${requested}: the system raised it to its minimum, ${size} bytes`);
	};
	check('--sb', options.sendBufferSize, actual.send, 'net.core.wmem_max');
	check('--rb', options.receiveBufferSize, actual.receive, 'net.core.rmem_max');
}
