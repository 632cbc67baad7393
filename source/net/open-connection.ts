// One connection to a target: a stream first (TCP: DNS, then each address in order until one
// connects), then the target's transport on top (TLS wraps the stream). Unix and proxy dialers add
// stream openers here. Reached through dial.ts (the one entry point) and the connector.
import {isIP, type Socket} from 'node:net';
import {formatAddress, transportOf, type HostTarget} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import {resolveHost} from './resolve.js';
import {connectTcp} from './tcp.js';
import {TlsHandshakeError, wrapTlsClient, type TlsClientSettings} from './tls-client.js';

export interface DialContext {
	family?: 4 | 6;
	/** -w: each attempt to each address fails after this long. */
	connectTimeoutMs?: number;
	/** --tls: targets without a scheme run TLS. */
	tlsByDefault: boolean;
	/** How TLS targets handshake; required when one does. */
	tls?: TlsClientSettings;
	/** Status lines about attempts (one address refused, the next one tried). */
	onReport(level: 'verbose', text: string): void;
	/** Checked between attempts: a stopped run opens nothing more. */
	stopped?(): boolean;
}

/** Stopped while dialling: nothing to report. */
export class DialStopped extends Error {}

/** Opens a connection to `target`; rejects with a one-line RuntimeError (or DialStopped). */
export async function openConnection(target: HostTarget, context: DialContext): Promise<Socket> {
	const transport = transportOf(target, {udp: false, tls: context.tlsByDefault});
	const {socket, address} = await openTcpStream(target, context);
	if (transport !== 'tls') return socket;
	if (!context.tls) throw new Error('TLS target without TLS settings');
	try {
		return await wrapTlsClient(socket, target.host, context.tls);
	} catch (error) {
		const where = isIP(target.host) ? '' : ` (${address})`;
		if (error instanceof TlsHandshakeError) throw new RuntimeError(`cannot connect to ${target.text}${where}: ${error.message}`);
		throw error;
	}
}

/** TCP: every address of the host in the resolver's order, from SRC= when given. */
async function openTcpStream(target: HostTarget, context: DialContext): Promise<{socket: Socket; address: string}> {
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
