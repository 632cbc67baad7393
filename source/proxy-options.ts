// --proxy, --proxy-type, --proxy-auth, --proxy-dns -> a checked ProxySpec. Pure; usage errors only.
import {AddressError, parseTarget} from './address.js';

export class ProxyOptionError extends Error {}

export const proxyTypes = ['socks5', 'socks4', 'http'] as const;
export type ProxyType = (typeof proxyTypes)[number];

export interface ProxySpec {
	host: string;
	port: number;
	type: ProxyType;
	/** SOCKS5 user/password (RFC 1929), HTTP Basic, or the SOCKS4 user id (no password). */
	auth?: {user: string; password: string};
	/** remote: the proxy resolves target names (socks5h, SOCKS4a, CONNECT name:port); local: we do. */
	dns: 'remote' | 'local';
	/** `127.0.0.1:1080`, for messages. */
	text: string;
}

export interface ProxyFlags {
	proxy?: unknown;
	proxyType?: unknown;
	proxyAuth?: unknown;
	proxyDns?: unknown;
}

export function parseProxyOptions(flags: ProxyFlags): ProxySpec | undefined {
	if (flags.proxy === undefined) {
		const stray = (['proxyType', 'proxyAuth', 'proxyDns'] as const).filter(name => flags[name] !== undefined);
		if (stray.length > 0)
			throw new ProxyOptionError(
				`${stray.map(name => `--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`).join(', ')} need --proxy HOST:PORT`,
			);
		return undefined;
	}
	const text = String(flags.proxy);
	let target;
	try {
		target = parseTarget(text);
	} catch (error) {
		if (error instanceof AddressError) throw new ProxyOptionError(`--proxy: ${error.message}`);
		throw error;
	}
	if (target.kind !== 'host' || target.scheme !== undefined || target.source || target.count !== 1) {
		throw new ProxyOptionError(`bad value "${text}" for --proxy: expected HOST:PORT`);
	}
	const type = oneOf(flags.proxyType, '--proxy-type', proxyTypes, 'socks5');
	const dns = oneOf(flags.proxyDns, '--proxy-dns', ['remote', 'local'] as const, 'remote');
	const spec: ProxySpec = {host: target.host, port: target.port, type, dns, text};
	if (flags.proxyAuth !== undefined) spec.auth = parseAuth(String(flags.proxyAuth), type);
	return spec;
}

function oneOf<T extends string>(raw: unknown, flag: string, allowed: readonly T[], fallback: T): T {
	if (raw === undefined) return fallback;
	const text = String(raw);
	if (!(allowed as readonly string[]).includes(text))
		throw new ProxyOptionError(`bad value "${text}" for ${flag}: expected one of ${allowed.join(', ')}`);
	return text as T;
}

function parseAuth(text: string, type: ProxyType): {user: string; password: string} {
	const colon = text.indexOf(':');
	if (type === 'socks4') {
		// SOCKS4 carries a user id and nothing else.
		if (colon !== -1) throw new ProxyOptionError('--proxy-auth: SOCKS4 has a user id but no password: give --proxy-auth USER');
		return {user: text, password: ''};
	}
	if (colon <= 0) throw new ProxyOptionError('bad value for --proxy-auth: expected USER:PASS');
	const auth = {user: text.slice(0, colon), password: text.slice(colon + 1)};
	// RFC 1929 gives each a one-byte length.
	if (type === 'socks5' && (Buffer.byteLength(auth.user) > 255 || Buffer.byteLength(auth.password) > 255)) {
		throw new ProxyOptionError('--proxy-auth: SOCKS5 allows at most 255 bytes for the user and for the password');
	}
	return auth;
}
