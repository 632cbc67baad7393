// One connection to a target: a stream first (TCP: DNS, then each address in order until one
// connects), then the target's transport on top (TLS wraps the stream). Unix and proxy dialers add
// stream openers here. Reached through dial.ts (the one entry point) and the connector.
import {isIP, type Socket} from 'node:net';
import {formatAddress, formatUnixAddress, transportOf, type HostTarget, type TargetSpec} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import type {ProxySpec} from '../proxy-options.js';
import {dialViaProxy} from './proxy-dial.js';
import {resolveHost} from './resolve.js';
import {connectTcp, tcpIdentity, type StreamIdentity} from './tcp.js';
import {TlsHandshakeError, wrapTlsClient, type TlsClientSettings} from './tls-client.js';
import {connectUnix, unixIdentity} from './unix.js';

export interface DialContext {
	family?: 4 | 6;
	/** -w: each attempt to each address fails after this long. */
	connectTimeoutMs?: number;
	/** --tls: targets without a scheme run TLS. */
	tlsByDefault: boolean;
	/** How TLS targets handshake; required when one does. */
	tls?: TlsClientSettings;
	/** --proxy: TCP and TLS targets are reached through it (TLS runs inside the tunnel). */
	proxy?: ProxySpec;
	/** Status lines about attempts (one address refused, the next one tried). */
	onReport(level: 'verbose', text: string): void;
	/** Checked between attempts: a stopped run opens nothing more. */
	stopped?(): boolean;
}

/** Stopped while dialling: nothing to report. */
export class DialStopped extends Error {}

export interface OpenedConnection {
	socket: Socket;
	/** How the route names itself when the socket's own addresses would mislead (Unix, proxy). */
	identity?: StreamIdentity;
}

/** Opens a connection to `target`; rejects with a one-line RuntimeError (or DialStopped). */
export async function openConnection(target: TargetSpec, context: DialContext): Promise<OpenedConnection> {
	if (target.kind === 'unix') {
		try {
			return {
				socket: await connectUnix(target, context.connectTimeoutMs === undefined ? {} : {timeoutMs: context.connectTimeoutMs}),
				identity: unixIdentity(target),
			};
		} catch (error) {
			throw new RuntimeError(`cannot connect to ${formatUnixAddress(target)}: ${describeError(error)}`);
		}
	}
	const transport = transportOf(target, {udp: false, tls: context.tlsByDefault});
	const {socket, address, identity} = context.proxy
		? await openProxiedStream(target, context.proxy, context)
		: await openTcpStream(target, context);
	if (transport !== 'tls') return identity ? {socket, identity} : {socket};
	if (!context.tls) throw new Error('TLS target without TLS settings');
	try {
		return {socket: await wrapTlsClient(socket, target.host, context.tls)};
	} catch (error) {
		const where = isIP(target.host) ? '' : ` (${address})`;
		if (error instanceof TlsHandshakeError) throw new RuntimeError(`cannot connect to ${target.text}${where}: ${error.message}`);
		throw error;
	}
}

/** Through --proxy: the tunnel is the stream; the route names the target and the proxy. */
async function openProxiedStream(
	target: HostTarget,
	proxy: ProxySpec,
	context: DialContext,
): Promise<{socket: Socket; address: string; identity: StreamIdentity}> {
	const socket = await dialViaProxy(proxy, target, {
		...(context.family ? {family: context.family} : {}),
		...(context.connectTimeoutMs !== undefined ? {timeoutMs: context.connectTimeoutMs} : {}),
		onReport: context.onReport,
	});
	const via = `${formatAddress(target.host, target.port)} via ${proxy.text}`;
	return {socket, address: `via ${proxy.text}`, identity: {...tcpIdentity(socket), peer: via, peerHost: target.host}};
}

/** TCP: every address of the host in the resolver's order, from SRC= when given. */
async function openTcpStream(
	target: HostTarget,
	context: DialContext,
): Promise<{socket: Socket; address: string; identity?: StreamIdentity}> {
	let lastError: unknown;
	try {
		const addresses = await resolveHost(target.host, context.family);
		const source = target.source;
		const localAddresses = source ? await resolveHost(source.host, context.family) : undefined;
		for (const address of addresses) {
			if (context.stopped?.()) throw new DialStopped();
			const local = localAddresses?.find(candidate => candidate.family === address.family);
			if (localAddresses && !local) {
				lastError = new Error(`source ${source!.host} has no IPv${address.family} address`);
				continue;
			}
			try {
				const socket = await connectTcp({
					address,
					port: target.port,
					...(context.connectTimeoutMs !== undefined ? {timeoutMs: context.connectTimeoutMs} : {}),
					...(local ? {localAddress: local.address, localPort: source!.port} : {}),
				});
				if (context.stopped?.()) {
					socket.destroy();
					throw new DialStopped();
				}
				return {socket, address: formatAddress(address.address, target.port)};
			} catch (error) {
				if (error instanceof DialStopped) throw error;
				lastError = error;
				context.onReport('verbose', `Connecting to ${formatAddress(address.address, target.port)} failed: ${describeError(error)}`);
			}
		}
	} catch (error) {
		if (error instanceof DialStopped) throw error;
		lastError = error;
	}
	throw lastError instanceof RuntimeError ? lastError : new RuntimeError(`cannot connect to ${target.text}: ${describeError(lastError)}`);
}
