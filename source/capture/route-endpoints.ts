// Which addresses and ports a route's synthesized packets carry. TCP and UDP routes carry their
// real ones. A Unix socket has no address or port: it is written as loopback TCP (127.0.0.1),
// the listening path hashed to a port and the connecting side given an ephemeral one, with a
// comment naming the path. (pcapng has no link type for Unix stream sockets that Wireshark can
// follow as a stream; loopback TCP can.) Pure.
import net from 'node:net';
import type {RouteInfo} from '../router/route.js';
import type {Endpoint} from './packet-headers.js';

export interface RouteEndpoints {
	transport: 'tcp' | 'udp';
	ours: Endpoint;
	theirs: Endpoint;
	/** Said once, on the route's first packet: how this route differs from what it looks like. */
	note?: string;
}

/** `127.0.0.1:5000`, `[::1]:40000`, `[fe80::1%eth0]:1` -> host and port; undefined if not an IP one. */
export function parseHostPort(text: string): {host: string; port: number} | undefined {
	const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
	if (!match) return undefined;
	const host = match[1]!.replace(/%.*$/, '');
	return net.isIP(host) ? {host, port: Number(match[2])} : undefined;
}

/** An IP literal as 4 or 16 bytes. */
export function addressBytes(host: string): Buffer {
	if (net.isIPv4(host)) return Buffer.from(host.split('.').map(Number));
	let text = host;
	// An embedded IPv4 tail (::ffff:127.0.0.1) becomes two 16-bit groups.
	const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (v4Tail) {
		const [a, b, c, d] = v4Tail[1]!.split('.').map(Number);
		text = `${text.slice(0, -v4Tail[1]!.length)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
	}
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const groups =
		tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
	const out = Buffer.alloc(16);
	groups.forEach((group, index) => out.writeUInt16BE(parseInt(group, 16), index * 2));
	return out;
}

/** Both ends in one family: an IPv4 end facing an IPv6 one is written as its mapped IPv6 form. */
function sameFamily(ours: Endpoint, theirs: Endpoint): [Endpoint, Endpoint] {
	if (ours.address.length === theirs.address.length) return [ours, theirs];
	const mapped = (endpoint: Endpoint): Endpoint =>
		endpoint.address.length === 16
			? endpoint
			: {port: endpoint.port, address: Buffer.concat([Buffer.alloc(10), Buffer.from([0xff, 0xff]), endpoint.address])};
	return [mapped(ours), mapped(theirs)];
}

const loopback = Buffer.from([127, 0, 0, 1]);

/** A stable port in 1024..49151 for a socket path, so one listener's routes share it. */
export function pathPort(path: string): number {
	let hash = 2166136261;
	for (const char of path) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
	return 1024 + (hash % (49152 - 1024));
}

export function routeEndpoints(route: RouteInfo): RouteEndpoints {
	if (route.protocol === 'udp' || route.protocol === 'tcp') {
		const local = parseHostPort(route.local);
		const peer = parseHostPort(route.peer);
		if (local && peer) {
			const [ours, theirs] = sameFamily(
				{address: addressBytes(local.host), port: local.port},
				{address: addressBytes(peer.host), port: peer.port},
			);
			return {transport: route.protocol, ours, theirs};
		}
	}
	// Unix sockets (and anything without an IP address): loopback TCP, named in a comment.
	const ephemeral = 49152 + (route.id % 16384);
	const listenerPath = route.origin === 'inbound' ? route.local : route.peer;
	const ours = {address: loopback, port: route.origin === 'inbound' ? pathPort(listenerPath) : ephemeral};
	const theirs = {address: loopback, port: route.origin === 'inbound' ? ephemeral : pathPort(listenerPath)};
	return {
		transport: 'tcp',
		ours,
		theirs,
		note: `${route.protocol === 'unix' ? 'Unix socket' : route.protocol} route ${route.id} (local ${route.local}, peer ${route.peer}) written as loopback TCP 127.0.0.1:${ours.port} <-> 127.0.0.1:${theirs.port}`,
	};
}

/** The comment on a TLS route's first packet: what is captured is what TLS carried, decrypted. */
export function tlsNote(route: RouteInfo): string | undefined {
	if (!route.tls) return undefined;
	const {version, cipher, alpn} = route.tls;
	return `TLS route ${route.id} (${version}, ${cipher}${alpn ? `, ALPN ${alpn}` : ''}): the payload is the decrypted plaintext; the TLS records themselves are not captured`;
}
