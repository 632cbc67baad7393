// One outbound TCP connection to a target: DNS, each address in order, and reconnects (-r/-R)
// with a bounded backoff.
import type net from 'node:net';
import type {HostTarget} from '../address.js';
import {formatAddress} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import {resolveHost} from './resolve.js';
import {connectTcp} from './tcp.js';

export interface TcpConnectorOptions {
	family?: 4 | 6;
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
	/** A connection is up: make it a route. */
	onConnected(socket: net.Socket): void;
	/** A status line for the user. */
	onReport(level: 'verbose' | 'warning', text: string): void;
	/** The connector will never connect again; error is set when it never managed to connect. */
	onDone(error?: RuntimeError): void;
}

const firstBackoffMs = 250;
const maxBackoffMs = 5000;

export class TcpConnector {
	private backoffMs = firstBackoffMs;
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;
	private connectedOnce = false;
	private socket: net.Socket | undefined;
	private retrying = false;

	constructor(
		readonly target: HostTarget,
		private readonly options: TcpConnectorOptions,
	) {}

	start(): void {
		void this.attempt();
	}

	/** No more attempts; an open connection stays with its route. */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	private async attempt(): Promise<void> {
		let lastError: unknown;
		try {
			const addresses = await resolveHost(this.target.host, this.options.family);
			const source = this.target.source;
			const localAddresses = source ? await resolveHost(source.host, this.options.family) : undefined;
			for (const address of addresses) {
				if (this.stopped) return;
				const local = localAddresses?.find(candidate => candidate.family === address.family);
				if (localAddresses && !local) {
					lastError = new Error(`source ${source!.host} has no IPv${address.family} address`);
					continue;
				}
				try {
					const socket = await connectTcp({
						address,
						port: this.target.port,
						...(local ? {localAddress: local.address, localPort: source!.port} : {}),
					});
					if (this.stopped) {
						socket.destroy();
						return;
					}
					this.connected(socket);
					return;
				} catch (error) {
					lastError = error;
					this.options.onReport('verbose', `Connecting to ${formatAddress(address.address, this.target.port)} failed: ${describeError(error)}`);
				}
			}
		} catch (error) {
			lastError = error;
		}
		const text = lastError instanceof RuntimeError ? lastError.message : `cannot connect to ${this.target.text}: ${describeError(lastError)}`;
		this.closed(true, new RuntimeError(text));
	}

	private connected(socket: net.Socket): void {
		this.connectedOnce = true;
		this.backoffMs = firstBackoffMs;
		this.socket = socket;
		this.options.onConnected(socket);
		socket.once('close', hadError => {
			this.socket = undefined;
			this.closed(hadError);
		});
	}

	private closed(withError: boolean, failure?: RuntimeError): void {
		if (this.stopped) return;
		const again = withError ? this.options.reconnectOnError : this.options.reconnectOnClose;
		if (!again) {
			this.stopped = true;
			this.options.onDone(this.connectedOnce ? undefined : failure);
			return;
		}
		const delay = this.backoffMs;
		this.backoffMs = Math.min(this.backoffMs * 2, maxBackoffMs);
		this.retrying = true;
		const why = failure ? failure.message : withError ? 'connection lost' : 'connection closed';
		this.options.onReport('warning', `${why}; reconnecting to ${this.target.text} in ${delay} ms`);
		this.timer = setTimeout(() => void this.attempt(), delay);
	}

	/** What the UI lists for this target. */
	get state(): 'connecting' | 'reconnecting' | 'connected' | 'done' {
		if (this.stopped) return 'done';
		if (this.socket) return 'connected';
		return this.retrying ? 'reconnecting' : 'connecting';
	}
}
