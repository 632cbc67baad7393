// One connection attempt to a stream target, below the connector (net/dial.ts is the entry point
// above it): a Unix path, a TCP target through --proxy, or a TCP target directly (every resolved
// address in order). Each way ends in a connected net.Socket and how its route names itself;
// TLS, when asked, wraps that socket whatever way it came.
import type net from 'node:net';
import {formatAddress, formatUnixAddress, type TargetSpec} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import type {ProxySpec} from '../proxy-options.js';
import {dialViaProxy} from './proxy-dial.js';
import {resolveHost} from './resolve.js';
import {connectTcp, tcpIdentity, type StreamIdentity} from './tcp.js';
import {connectUnix, unixIdentity} from './unix.js';

export interface StreamDialOptions {
	family?: 4 | 6;
	/** --proxy: every TCP target goes through it. */
	proxy?: ProxySpec;
	/** The connect timeout; through a proxy it covers the handshake too. */
	timeoutMs?: number;
	onReport(level: 'verbose', text: string): void;
	/** Whether to give up (the connector was stopped): a socket made after that is closed. */
	stopped?(): boolean;
}

export interface DialedStream {
	socket: net.Socket;
	identity: StreamIdentity;
}

export async function dialStream(target: TargetSpec, options: StreamDialOptions): Promise<DialedStream | undefined> {
	if (target.kind === 'unix') {
		try {
			const socket = await connectUnix(target, options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs});
			return {socket, identity: unixIdentity(target)};
		} catch (error) {
			throw new RuntimeError(`cannot connect to ${formatUnixAddress(target)}: ${describeError(error)}`);
		}
	}
	if (options.proxy) {
		const socket = await dialViaProxy(options.proxy, target, {
			...(options.family ? {family: options.family} : {}),
			...(options.timeoutMs !== undefined ? {timeoutMs: options.timeoutMs} : {}),
			onReport: options.onReport,
		});
		// Through a proxy the socket's far end is the proxy: the route names the target instead.
		return {socket, identity: {...tcpIdentity(socket), peer: `${formatAddress(target.host, target.port)} via ${options.proxy.text}`, peerHost: target.host}};
	}
	let lastError: unknown;
	const addresses = await resolveHost(target.host, options.family);
	const source = target.source;
	const localAddresses = source ? await resolveHost(source.host, options.family) : undefined;
	for (const address of addresses) {
		if (options.stopped?.()) return undefined;
		const local = localAddresses?.find(candidate => candidate.family === address.family);
		if (localAddresses && !local) {
			lastError = new Error(`source ${source!.host} has no IPv${address.family} address`);
			continue;
		}
		try {
			// The direct connect's own time-out (-w) is the connect timeout helper's: it passes
			// options.timeoutMs here once connectTcp takes one.
			const socket = await connectTcp({
				address,
				port: target.port,
				...(local ? {localAddress: local.address, localPort: source!.port} : {}),
			});
			return {socket, identity: tcpIdentity(socket)};
		} catch (error) {
			lastError = error;
			options.onReport('verbose', `Connecting to ${formatAddress(address.address, target.port)} failed: ${describeError(error)}`);
		}
	}
	throw new RuntimeError(`cannot connect to ${target.text}: ${describeError(lastError)}`);
}
