// Literal addresses that cannot work as typed are usage errors, said before any socket is made
// (issue 18): nc and ncat refuse `-6 127.0.0.1` ("address family not supported"), and a
// link-local IPv6 address without its interface failed with a bare EINVAL.
import {isIP} from 'node:net';

/** The problem with a typed host, or undefined for a name or an address that can work. */
export function literalAddressProblem(host: string, family: 4 | 6 | undefined): string | undefined {
	const percent = host.indexOf('%');
	const bare = percent === -1 ? host : host.slice(0, percent);
	const kind = isIP(bare);
	if (kind === 0) return undefined;
	if (family !== undefined && kind !== family) {
		return `${host} is an IPv${kind} address but -${family} allows only IPv${family} (address family not supported)`;
	}
	if (kind === 6 && percent === -1 && /^fe[89ab][0-9a-f]?:/i.test(bare)) {
		return `${host} is a link-local address: name its interface, as in [${host}%lo] or [${host}%eth0]`;
	}
	return undefined;
}

/** `::ffff:127.0.0.1`: an IPv4 address in IPv6 form; a socket bound to it must not be IPv6-only. */
export function isIpv4Mapped(address: string): boolean {
	return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address);
}
