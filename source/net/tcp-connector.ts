// One outbound connection to a target (TCP or TLS, through open-connection.ts), and reconnects (-r/-R) with
// a bounded backoff.
import type net from 'node:net';
import type {TargetSpec} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import {type Ending, shouldReconnect} from '../lifecycle/reconnect-rule.js';
import {DialStopped, openConnection, type DialContext} from './open-connection.js';
import type {StreamIdentity} from './tcp.js';

export interface TcpConnectorOptions {
	/** How to dial: family, --tls default, TLS settings. */
	dial: Omit<DialContext, 'onReport' | 'stopped'>;
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
	/** A connection is up: make it a route. */
	onConnected(socket: net.Socket, identity?: StreamIdentity): void;
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
		readonly target: TargetSpec,
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
		try {
			const {socket, identity} = await openConnection(this.target, {
				...this.options.dial,
				onReport: (level, text) => this.options.onReport(level, text),
				stopped: () => this.stopped,
			});
			this.connected(socket, identity);
		} catch (error) {
			if (error instanceof DialStopped || this.stopped) return;
			this.closed(
				'attempt-failed',
				error instanceof RuntimeError ? error : new RuntimeError(`cannot connect to ${this.target.text}: ${describeError(error)}`),
			);
		}
	}

	private connected(socket: net.Socket, identity: StreamIdentity | undefined): void {
		this.connectedOnce = true;
		this.backoffMs = firstBackoffMs;
		this.socket = socket;
		this.options.onConnected(socket, identity);
		socket.once('close', hadError => {
			this.socket = undefined;
			this.closed(hadError ? 'lost' : 'closed');
		});
	}

	private closed(ending: Ending, failure?: RuntimeError): void {
		if (this.stopped) return;
		if (!shouldReconnect(ending, this.connectedOnce, this.options)) {
			this.stopped = true;
			this.options.onDone(this.connectedOnce ? undefined : failure);
			return;
		}
		const delay = this.backoffMs;
		this.backoffMs = Math.min(this.backoffMs * 2, maxBackoffMs);
		this.retrying = true;
		const why = failure ? failure.message : ending === 'lost' ? 'connection lost' : 'connection closed';
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
