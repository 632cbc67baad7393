// The outbound side of a run: one connector per target (xN makes N), started at start or from the
// UI, and the one dial every outbound route goes through (--fork upstreams too). It remembers which
// target each route was opened for (captures name routes by it) and whether the run ever connected.
import type {TargetSpec} from './address.js';
import type {RuntimeError} from './errors.js';
import {dialTarget, type Dialler, type DialOptions} from './net/dial.js';
import type {TlsEndpoints} from './net/tls-endpoints.js';
import type {Options} from './options.js';
import type {ReportLevel} from './router/router.js';
import type {Route, RouteId, RouteSink} from './router/route.js';

export interface ConnectorHost {
	/** Where routes report their bytes (the session's ingress). */
	sink: RouteSink;
	/** The TLS client settings, once a TLS target needs them. */
	tls(): TlsEndpoints;
	addRoute(route: Route): void;
	report(level: ReportLevel, text: string): void;
	/** A connector gave up: the run may have nothing left to do. */
	connectorDone(): void;
}

/** What the caller of start() hears about the first outcome (the UI's prompt waits for it). */
export interface FirstOutcome {
	onFirstRoute?(route: Route): void;
	onFailed?(error: RuntimeError): void;
}

export class SessionConnectors {
	private readonly connectors: Dialler[] = [];
	private active = 0;
	/** Some target connected at least once. */
	connectedOnce = false;
	/** Targets from the command line that gave up without ever connecting. */
	failedTargets = 0;
	/** The target text each outbound route was opened for, to name it in captures. */
	private readonly targetOfRoute = new Map<RouteId, string>();

	constructor(
		private readonly options: Options,
		private readonly host: ConnectorHost,
	) {}

	/** Connectors still connecting, connected or waiting to reconnect. */
	get activeCount(): number {
		return this.active;
	}

	/**
	 * Starts one connector for a target. `live` (opened from the UI): a failure is the prompt's to
	 * show, not a failed target of the run.
	 */
	start(target: TargetSpec, {live = false, ...outcome}: FirstOutcome & {live?: boolean} = {}): void {
		this.active++;
		this.connectors.push(
			this.dial(target, {
				reconnectOnClose: this.options.reconnectOnClose,
				reconnectOnError: this.options.reconnectOnError,
				onRoute: route => {
					this.connectedOnce = true;
					this.host.addRoute(route);
					outcome.onFirstRoute?.(route);
				},
				onDone: error => {
					this.active--;
					if (error) {
						if (!live) this.failedTargets++;
						this.host.report('error', error.message);
						outcome.onFailed?.(error);
					}
					this.host.connectorDone();
				},
			}),
		);
	}

	/** The one dial of the run: targets and --fork upstreams. */
	dial(target: TargetSpec, handlers: Pick<DialOptions, 'reconnectOnClose' | 'reconnectOnError' | 'onRoute' | 'onDone'>): Dialler {
		const options = this.options;
		const family = options.family ? {family: options.family} : {};
		const proxy = options.proxy ? {proxy: options.proxy} : {};
		const timeout = options.connectTimeoutMs !== undefined ? {connectTimeoutMs: options.connectTimeoutMs} : {};
		const client = this.host.tls().client;
		const tls = {tlsByDefault: options.tls.byDefault, ...(client ? {tls: client} : {})};
		// Captures name an outbound route after the target it was opened for.
		const onRoute = (route: Route) => {
			this.targetOfRoute.set(route.id, target.text);
			handlers.onRoute(route);
		};
		return dialTarget(target, this.host.sink, {
			...family,
			...timeout,
			...tls,
			...proxy,
			keepaliveMs: options.keepaliveMs,
			...handlers,
			onRoute,
			onReport: (level, text) => this.host.report(level, text),
		});
	}

	targetOf(id: RouteId): string | undefined {
		return this.targetOfRoute.get(id);
	}

	forget(id: RouteId): void {
		this.targetOfRoute.delete(id);
	}

	/** Each target and whether it is connecting, waiting to reconnect, connected or done (UI list). */
	states(): Array<{text: string; state: Dialler['state']}> {
		return this.connectors.map(connector => ({text: connector.target.text, state: connector.state}));
	}

	stopAll(): void {
		for (const connector of this.connectors) connector.stop();
	}
}
