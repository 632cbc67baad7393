// The address grammar of the command line. Pure: no DNS, no sockets.
//   endpoint: [SCHEME:]ADDRESS   SCHEME is tcp, udp, tls or unix; without one, -u, -U and --tls decide
//   listen:   HOST:PORT | [v6]:PORT | :PORT | *:PORT | *        (unix: PATH | @NAME)
//   target:   [SRC=]HOST:PORT[xN]    SRC is HOST[:PORT] or [v6][:PORT]   (unix: PATH | @NAME)
// A host literally named like a scheme needs the scheme written out: `tcp:tls:443`.

export class AddressError extends Error {}

export const schemes = ['tcp', 'udp', 'tls', 'unix'] as const;
export type Scheme = (typeof schemes)[number];
/** The schemes of endpoints that have a host and a port. */
export type IpScheme = Exclude<Scheme, 'unix'>;

/** `unix:/path` or `unix:@name` (a Linux abstract socket: the name is `path` without the `@`). */
export interface UnixAddress {
	kind: 'unix';
	path: string;
	abstract: boolean;
}

export type ListenSpec =
	/** One host name or literal address. */
	| {kind: 'host'; host: string; port: number; scheme?: IpScheme}
	/** `:PORT`: every address of every local interface. */
	| {kind: 'interfaces'; port: number; scheme?: IpScheme}
	/** `*:PORT` and `*`: the wildcard address of each family. */
	| {kind: 'wildcard'; port: number; scheme?: IpScheme}
	| UnixAddress;

/** A listen address with a host and a port (TCP, UDP, TLS). */
export type IpListenSpec = Exclude<ListenSpec, UnixAddress>;

export interface HostPort {
	host: string;
	port: number;
}

export type TargetSpec = HostTarget | UnixTarget;

export interface UnixTarget extends UnixAddress {
	count: 1;
	text: string;
}

export interface HostTarget extends HostPort {
	kind: 'host';
	/** Written by the user; undefined means the run's default (-u, --tls, or TCP). */
	scheme?: IpScheme;
	/** Local address to bind before connecting (SRC=). Port 0 lets the OS pick. */
	source?: HostPort;
	/** How many connections to open to this target (xN). */
	count: number;
	/** The text the user typed, for messages. */
	text: string;
}

const maxCount = 10_000;

export function parsePort(text: string, context: string, {allowZero}: {allowZero: boolean}): number {
	if (!/^\d{1,5}$/.test(text)) {
		throw new AddressError(`bad port "${text}" in "${context}": expected a number from ${allowZero ? 0 : 1} to 65535`);
	}
	const port = Number(text);
	if (port > 65_535 || (!allowZero && port === 0)) {
		throw new AddressError(`bad port "${text}" in "${context}": expected a number from ${allowZero ? 0 : 1} to 65535`);
	}
	return port;
}

/** Splits `HOST:PORT` or `[v6]:PORT` into host and port text; the port text is undefined when absent. */
function splitHostPort(text: string, context: string): {host: string; portText?: string} {
	if (text.startsWith('[')) {
		const close = text.indexOf(']');
		if (close === -1) throw new AddressError(`missing "]" in "${context}"`);
		const host = text.slice(1, close);
		const rest = text.slice(close + 1);
		if (host === '') throw new AddressError(`empty address in "${context}"`);
		if (rest === '') return {host};
		if (!rest.startsWith(':')) throw new AddressError(`expected ":PORT" after "]" in "${context}"`);
		return {host, portText: rest.slice(1)};
	}
	const colon = text.lastIndexOf(':');
	if (colon === -1) return {host: text};
	// More than one colon without brackets is a bare IPv6 literal, which has no port.
	if (text.indexOf(':') !== colon) return {host: text};
	return {host: text.slice(0, colon), portText: text.slice(colon + 1)};
}

function checkHost(host: string, context: string): void {
	if (host === '') throw new AddressError(`missing host in "${context}"`);
	if (/[\s/=\[\]]/.test(host)) throw new AddressError(`bad host "${host}" in "${context}"`);
}

/**
 * Splits a leading `SCHEME:`. A word before a colon that is not a scheme is an error when the rest
 * still holds an address (`ssl:host:443`), and a host otherwise (`localhost:80`).
 */
export function splitScheme(text: string): {scheme?: Scheme; rest: string} {
	const match = /^([a-z][a-z0-9]*):(.*)$/i.exec(text);
	if (!match) return {rest: text};
	const word = match[1]!.toLowerCase();
	const rest = match[2]!;
	if ((schemes as readonly string[]).includes(word)) {
		if (rest === '') throw new AddressError(`missing address after "${word}:" in "${text}"`);
		return {scheme: word as Scheme, rest};
	}
	if (/^[^:]+:/.test(rest) || rest.startsWith('/') || rest.startsWith('[')) {
		throw new AddressError(`unknown scheme "${match[1]}:" in "${text}": expected ${schemes.map(name => `${name}:`).join(', ')}`);
	}
	return {rest: text};
}

/** `tls:unix:/x`, `tcp:unix:/x`: a Unix socket is its own transport; TLS over it is not offered. */
function refuseSchemeOverUnix(scheme: Scheme | undefined, rest: string, text: string): void {
	if (scheme === undefined || scheme === 'unix' || !/^unix:/i.test(rest)) return;
	throw new AddressError(
		scheme === 'tls'
			? `tls: does not apply to unix: endpoints in "${text}" (TLS over Unix sockets is not supported)`
			: `"${scheme}:" cannot be put before a unix: address in "${text}"`,
	);
}

function parseUnix(path: string, context: string): UnixAddress {
	if (path === '' || path === '@') throw new AddressError(`missing socket path in "${context}"`);
	if (path.includes('\0')) throw new AddressError(`bad socket path in "${context}"`);
	return path.startsWith('@') ? {kind: 'unix', path: path.slice(1), abstract: true} : {kind: 'unix', path, abstract: false};
}

/** `unix:/run/x.sock`, `unix:@name`: how a Unix address is shown everywhere. */
export function formatUnixAddress(address: UnixAddress): string {
	return `unix:${address.abstract ? '@' : ''}${address.path}`;
}

/**
 * Parses a listen address. `bareUnix` (-U) reads an address without a scheme as a socket path.
 */
export function parseListenAddress(text: string, {bareUnix = false}: {bareUnix?: boolean} = {}): ListenSpec {
	const {scheme, rest} = splitScheme(text);
	refuseSchemeOverUnix(scheme, rest, text);
	if (scheme === 'unix' || (scheme === undefined && bareUnix)) return parseUnix(rest, text);
	const spec = parseIpListenAddress(rest, text);
	return scheme ? {...spec, scheme} : spec;
}

function parseIpListenAddress(text: string, context: string): IpListenSpec {
	if (text === '*') return {kind: 'wildcard', port: 0};
	const {host, portText} = splitHostPort(text, context);
	if (portText === undefined) throw new AddressError(`missing ":PORT" in listen address "${context}"`);
	const port = parsePort(portText, context, {allowZero: true});
	if (host === '*') return {kind: 'wildcard', port};
	if (host === '' && !text.startsWith('[')) return {kind: 'interfaces', port};
	checkHost(host, context);
	return {kind: 'host', host, port};
}

/** Parses a target. `bareUnix` (-U) reads a target without a scheme as a socket path. */
export function parseTarget(fullText: string, {bareUnix = false}: {bareUnix?: boolean} = {}): TargetSpec {
	const {scheme, rest: text} = splitScheme(fullText);
	refuseSchemeOverUnix(scheme, text, fullText);
	if (scheme === 'unix' || (scheme === undefined && bareUnix)) return {...parseUnix(text, fullText), count: 1, text: fullText};
	const target = parseHostTarget(text, fullText);
	return scheme ? {...target, scheme} : target;
}

function parseHostTarget(text: string, fullText: string): HostTarget {
	let rest = text;
	let source: HostPort | undefined;
	const equals = text.indexOf('=');
	if (equals !== -1) {
		const sourceText = text.slice(0, equals);
		rest = text.slice(equals + 1);
		const split = splitHostPort(sourceText, fullText);
		checkHost(split.host, fullText);
		source = {host: split.host, port: split.portText === undefined ? 0 : parsePort(split.portText, fullText, {allowZero: true})};
	}
	const {host, portText} = splitHostPort(rest, fullText);
	if (portText === undefined) throw new AddressError(`missing ":PORT" in target "${fullText}"`);
	checkHost(host, fullText);
	const match = /^(\d+)(?:x(\d+))?$/.exec(portText);
	if (!match) throw new AddressError(`bad port "${portText}" in "${fullText}": expected PORT or PORTxN`);
	const port = parsePort(match[1]!, fullText, {allowZero: false});
	const count = match[2] === undefined ? 1 : Number(match[2]);
	if (!Number.isInteger(count) || count < 1 || count > maxCount) {
		throw new AddressError(`bad repeat count "x${match[2]}" in "${fullText}": expected 1 to ${maxCount}`);
	}
	return {kind: 'host', host, port, count, text: fullText, ...(source ? {source} : {})};
}

/** `127.0.0.1:80`, `[::1]:80`: how an address is shown everywhere. */
export function formatAddress(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The host of a formatted `HOST:PORT` or `[v6]:PORT`. */
export function hostOf(address: string): string {
	return address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.slice(0, address.lastIndexOf(':'));
}

/** What an endpoint runs over: its own scheme, or the run's default (-u: UDP, --tls: TLS, else TCP). */
export function transportOf(spec: ListenSpec | TargetSpec, defaults: {udp: boolean; tls: boolean}): Scheme {
	if (spec.kind === 'unix') return 'unix';
	return spec.scheme ?? (defaults.udp ? 'udp' : defaults.tls ? 'tls' : 'tcp');
}
