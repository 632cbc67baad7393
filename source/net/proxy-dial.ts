// --proxy: a TCP connection to a target made through a SOCKS5, SOCKS4 or HTTP CONNECT proxy.
// Stages, each named in its error: reach the proxy (every address of its name, in order), then the
// handshake, which ends with the proxy's answer about the target. One deadline (the connect
// timeout) covers them all. The socket returned is the tunnel: TLS, when asked, wraps it.
import net from 'node:net';
import {formatAddress} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import type {ProxySpec} from '../proxy-options.js';
import {httpConnectHandshake} from './proxy-http.js';
import {socksHandshake} from './proxy-socks.js';
import {ProxyStageError, type ProxyHandshake} from './proxy-stage.js';
import {resolveHost, type ResolvedAddress} from './resolve.js';

export interface ProxyDialOptions {
	/** -4/-6 for target names resolved here (--proxy-dns local). */
	family?: 4 | 6;
	/** The whole way: reaching the proxy and its handshake. */
	timeoutMs?: number;
	onReport?(level: 'verbose', text: string): void;
}

const handshakes: Record<ProxySpec['type'], ProxyHandshake> = {
	socks5: socksHandshake(5),
	socks4: socksHandshake(4),
	http: httpConnectHandshake,
};

const protocolNames: Record<ProxySpec['type'], string> = {socks5: 'SOCKS5', socks4: 'SOCKS4', http: 'HTTP CONNECT'};

class DeadlineError extends Error {}

/** Connects to `host:port` through the proxy; rejects with a one-line RuntimeError naming the stage. */
export async function dialViaProxy(
	proxy: ProxySpec,
	target: {host: string; port: number},
	options: ProxyDialOptions = {},
): Promise<net.Socket> {
	const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
	const targetText = formatAddress(target.host, target.port);
	// remote (default): the proxy resolves the name, so names of the far network work (socks5h).
	const hosts =
		proxy.dns === 'local' && net.isIP(target.host) === 0
			? (await resolveHost(target.host, options.family)).map(address => address.address)
			: [target.host];
	let lastError: unknown;
	for (const host of hosts) {
		try {
			return await throughProxy(proxy, {host, port: target.port}, deadline, options);
		} catch (error) {
			lastError = error;
			if (!(error instanceof ProxyStageError && error.refusedTarget)) break;
			options.onReport?.('verbose', `proxy ${proxy.text} refused ${formatAddress(host, target.port)}: ${error.message}`);
		}
	}
	if (lastError instanceof ProxyStageError) {
		throw new RuntimeError(
			lastError.refusedTarget
				? `proxy ${proxy.text} refused the connection to ${targetText}: ${lastError.message}`
				: `proxy ${proxy.text} ${lastError.message}`,
		);
	}
	if (lastError instanceof DeadlineError) throw new RuntimeError(`proxy ${proxy.text}: ${lastError.message}`);
	throw lastError instanceof RuntimeError ? lastError : new RuntimeError(`proxy ${proxy.text}: ${describeError(lastError)}`);
}

async function throughProxy(
	proxy: ProxySpec,
	target: {host: string; port: number},
	deadline: number | undefined,
	options: ProxyDialOptions,
): Promise<net.Socket> {
	const socket = await reachProxy(proxy, deadline, options);
	const name = protocolNames[proxy.type];
	// A proxy that half-closes mid-handshake would leave the socket idle and the run hanging with
	// nothing to wait on: its FIN ends the handshake like a close.
	const onEnd = () => socket.destroy();
	socket.once('end', onEnd);
	try {
		await beforeDeadline(handshakes[proxy.type](socket, {...target, ...(proxy.auth ? {auth: proxy.auth} : {})}), deadline, () => {
			socket.destroy();
			return new DeadlineError(`no ${name} tunnel to ${formatAddress(target.host, target.port)} within the connect timeout`);
		});
	} finally {
		socket.removeListener('end', onEnd);
	}
	return socket;
}

async function reachProxy(proxy: ProxySpec, deadline: number | undefined, options: ProxyDialOptions): Promise<net.Socket> {
	let addresses: ResolvedAddress[];
	try {
		addresses = await resolveHost(proxy.host);
	} catch (error) {
		throw new RuntimeError(`cannot reach proxy ${proxy.text}: ${(error as Error).message}`);
	}
	let lastError: unknown;
	for (const address of addresses) {
		let socket: net.Socket | undefined;
		try {
			return await beforeDeadline(
				new Promise<net.Socket>((resolve, reject) => {
					socket = net.connect({host: address.address, port: proxy.port, family: address.family, allowHalfOpen: true});
					socket.once('error', reject);
					socket.once('connect', () => {
						socket!.removeListener('error', reject);
						socket!.setNoDelay(true);
						resolve(socket!);
					});
				}),
				deadline,
				() => {
					socket?.destroy();
					return Object.assign(new Error('timed out'), {code: 'ETIMEDOUT'});
				},
			);
		} catch (error) {
			socket?.destroy();
			lastError = error;
			options.onReport?.(
				'verbose',
				`Connecting to proxy ${formatAddress(address.address, proxy.port)} failed: ${describeError(error)}`,
			);
		}
	}
	throw new RuntimeError(`cannot reach proxy ${proxy.text}: ${describeError(lastError)}`);
}

/** The promise, or the error onTimeout makes once the deadline passes. */
function beforeDeadline<T>(promise: Promise<T>, deadline: number | undefined, onTimeout: () => Error): Promise<T> {
	if (deadline === undefined) return promise;
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - Date.now()));
		promise.then(
			value => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			},
		);
	});
}
