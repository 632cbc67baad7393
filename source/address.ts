// The address grammar of the command line. Pure: no DNS, no sockets.
//   listen:  HOST:PORT | [v6]:PORT | :PORT | *:PORT | *
//   target:  [SRC=]HOST:PORT[xN]    SRC is HOST[:PORT] or [v6][:PORT]

export class AddressError extends Error {}

export type ListenSpec =
	/** One host name or literal address. */
	| {kind: 'host'; host: string; port: number}
	/** `:PORT`: every address of every local interface. */
	| {kind: 'interfaces'; port: number}
	/** `*:PORT` and `*`: the wildcard address of each family. */
	| {kind: 'wildcard'; port: number};

export interface HostPort {
	host: string;
	port: number;
}

export interface TargetSpec extends HostPort {
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

export function parseListenAddress(text: string): ListenSpec {
	if (text === '*') return {kind: 'wildcard', port: 0};
	const {host, portText} = splitHostPort(text, text);
	if (portText === undefined) throw new AddressError(`missing ":PORT" in listen address "${text}"`);
	const port = parsePort(portText, text, {allowZero: true});
	if (host === '*') return {kind: 'wildcard', port};
	if (host === '' && !text.startsWith('[')) return {kind: 'interfaces', port};
	checkHost(host, text);
	return {kind: 'host', host, port};
}

export function parseTarget(text: string): TargetSpec {
	let rest = text;
	let source: HostPort | undefined;
	const equals = text.indexOf('=');
	if (equals !== -1) {
		const sourceText = text.slice(0, equals);
		rest = text.slice(equals + 1);
		const split = splitHostPort(sourceText, text);
		checkHost(split.host, text);
		source = {host: split.host, port: split.portText === undefined ? 0 : parsePort(split.portText, text, {allowZero: true})};
	}
	const {host, portText} = splitHostPort(rest, text);
	if (portText === undefined) throw new AddressError(`missing ":PORT" in target "${text}"`);
	checkHost(host, text);
	const match = /^(\d+)(?:x(\d+))?$/.exec(portText);
	if (!match) throw new AddressError(`bad port "${portText}" in "${text}": expected PORT or PORTxN`);
	const port = parsePort(match[1]!, text, {allowZero: false});
	const count = match[2] === undefined ? 1 : Number(match[2]);
	if (!Number.isInteger(count) || count < 1 || count > maxCount) {
		throw new AddressError(`bad repeat count "x${match[2]}" in "${text}": expected 1 to ${maxCount}`);
	}
	return {host, port, count, text, ...(source ? {source} : {})};
}

/** `127.0.0.1:80`, `[::1]:80`: how an address is shown everywhere. */
export function formatAddress(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The host of a formatted `HOST:PORT` or `[v6]:PORT`. */
export function hostOf(address: string): string {
	return address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.slice(0, address.lastIndexOf(':'));
}
