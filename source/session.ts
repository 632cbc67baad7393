// Builds listeners, connectors, the router and local IO from Options, and decides when the run
// is over. It never exits the process: `done` resolves with the exit status.
import type net from 'node:net';
import type {UnixAddress} from './address.js';
import {Captures} from './capture/captures.js';
import {interfaceNamer} from './capture/interface-names.js';
import {describeError} from './errors.js';
import {ForkUpstreams, sharedTargetsNotice} from './fork-upstreams.js';
import {ExecEach} from './local/exec-each.js';
import {ExecInput} from './local/exec-input.js';
import {LocalRoute, type InputControl} from './local/local-route.js';
import {PfqosServerStage} from './local/pfqos-roles.js';
import {isShaping, Shaper} from './local/shaping.js';
import {AccessFilter} from './net/access-filter.js';
import {IdleTimeout} from './lifecycle/idle-timeout.js';
import {quitAfterInput} from './lifecycle/quit-after-input.js';
import {ListenerReports} from './net/listener-reports.js';
import {reportHandshake, streamRoute} from './net/stream-route.js';
import {TcpRoute} from './net/tcp.js';
import {unixIdentity} from './net/unix.js';
import type {Dialler} from './net/dial.js';
import {isTlsEndpoint} from './net/tls-endpoints.js';
import {openUdp, type UdpSockets} from './net/udp-setup.js';
import type {Options} from './options.js';
import {statusAfterRemoval} from './reset-ending.js';
import {Router, type ReportLevel} from './router/router.js';
import {SessionConnectors} from './session-connectors.js';
import {sessionEnd, type LastRemoved, type SessionEnd} from './session-end.js';
import {execExposureWarning, StreamListeners, type ListenerInfo} from './session-listeners.js';
import {routerOptions} from './session-router-options.js';
import {LiveEndpoints} from './session-live-endpoints.js';
import {SessionLocalInput} from './session-local-input.js';
import {SessionTls} from './session-tls.js';
import {localRouteId, type Route, type RouteHost, type RouteId, type RouteInfo, type RouteSink} from './router/route.js';

export interface SessionIo {
	stdin: NodeJS.ReadStream;
	/** Where received bytes go; undefined when a UI shows them instead. */
	output: NodeJS.WritableStream | undefined;
	/** Read standard input as local input (plain mode); the UI feeds keys itself. */
	readStdin: boolean;
	/** Where raw-mode keystrokes are echoed in plain mode. */
	echo?: NodeJS.WritableStream;
	/**
	 * The UI keeps its screen when the run ends by itself: everything stops, this is told why, and
	 * `done` resolves only when stop() is called (the user quits). Plain mode ends at once.
	 */
	keepOnEnd?: (end: SessionEnd) => void;
}

export type {ListenerInfo} from './session-listeners.js';

export class Session {
	readonly router: Router;
	readonly done: Promise<number>;
	/** --capture, --hex-dump and the UI's captures: observers of the router. */
	readonly captures: Captures;
	/** TCP, TLS and Unix listeners (session-listeners.ts); UDP ones are only listed there. */
	private readonly listeners: StreamListeners;
	/** Targets and the one dial of the run (session-connectors.ts). */
	private readonly connectors: SessionConnectors;
	/** Endpoints the UI opens, closes and changes while the run goes on (session-live-endpoints.ts). */
	readonly endpoints: LiveEndpoints;
	private finish!: (code: number) => void;
	private finished = false;
	private lastRemoved: LastRemoved | undefined;
	/** Settles once every capture file is flushed and every -exec-each child gone (set at halt). */
	private capturesClosed: Promise<unknown> = Promise.resolve();
	private readonly localRoute: LocalRoute;
	private readonly exec: ExecInput | undefined;
	/** Standard input, a generator, the pfqos client or the -e child (session-local-input.ts). */
	private readonly localInput: SessionLocalInput;
	/** Delays and drops (--sdmin.. --rdrop) in front of the router, when asked for. */
	private readonly shaper: Shaper | undefined;
	/** Where routes and local input report: the pfqos server stage, the shaper, or the router itself. */
	private readonly ingress: RouteSink;
	private firstInbound: RouteId | undefined;
	private udp: UdpSockets | undefined;
	/** 1 when the last route left with a reset: if that ended the run, the run failed. */
	private lastRemovalStatus = 0;
	private readonly idleTimeout: IdleTimeout | undefined;
	/** TLS for the run's endpoints (session-tls.ts). */
	private readonly tls: SessionTls;
	/** --fork: each client's own upstream. */
	private readonly forks: ForkUpstreams | undefined;
	/** --exec-each: each peer's own child. */
	private readonly execEach: ExecEach | undefined;

	constructor(
		private readonly options: Options,
		private readonly io: SessionIo,
	) {
		this.router = new Router(routerOptions(options, io));
		const report = (level: ReportLevel, text: string) => this.router.report(level, text);
		this.tls = new SessionTls(options.tls, {onSecure: socket => this.acceptStream(socket), report});
		this.listeners = new StreamListeners(
			{maxClients: options.maxClients, family: options.family, keepaliveMs: options.keepaliveMs},
			this.listenerHost(),
			new ListenerReports(report),
		);
		this.captures = new Captures(
			this.router,
			interfaceNamer(
				() => this.listening,
				route => this.connectors.targetOf(route.id),
			),
		);
		this.done = new Promise(resolve => {
			this.finish = resolve;
		});
		const send = {delay: options.sendDelay, dropProbability: options.sendDropProbability};
		const receive = {delay: options.receiveDelay, dropProbability: options.receiveDropProbability};
		if (isShaping(send) || isShaping(receive)) this.shaper = new Shaper(this.router, send, receive);
		const shaped = this.shaper ?? this.router;
		this.ingress = options.inputMode === 'pfqossrv' ? new PfqosServerStage(this.router, shaped) : shaped;
		if (options.exec !== undefined) {
			this.exec = new ExecInput(options.exec, {
				onData: data => this.ingress.receive({routeId: localRouteId, data}),
				onExit: (description, success) => {
					this.router.report(success ? 'verbose' : 'warning', description);
					this.localInputEnded();
				},
			});
		}
		// pfqos replies become round-trip lines, not output.
		const pfqos = options.inputMode === 'pfqoscli' || options.inputMode === 'pfqossrv';
		const output = options.outputMode === 'none' || pfqos ? undefined : (this.exec?.stdin ?? io.output);
		this.localRoute = new LocalRoute(this.ingress, output);
		this.localInput = new SessionLocalInput(options, io, this.exec, {
			router: this.router,
			ingress: this.ingress,
			localRoute: this.localRoute,
			localInputEnded: () => this.localInputEnded(),
			stop: code => this.stop(code),
		});
		if (!this.exec)
			io.output?.on('error', (error: NodeJS.ErrnoException) => {
				// A reader that went away (`| head`) is a normal end of a pipe.
				if (error.code !== 'EPIPE') this.router.report('error', `cannot write output: ${describeError(error)}`);
				this.stop(error.code === 'EPIPE' ? 0 : 1);
			});
		const addBoundPair = (first: Route, second: Route) => this.router.addBoundPair(this.gate(first), this.gate(second));
		this.connectors = new SessionConnectors(options, {
			sink: this.ingress,
			tls: () => this.tls.endpoints,
			addRoute: route => this.addRoute(route),
			report,
			connectorDone: () => this.checkIdle(),
		});
		this.endpoints = new LiveEndpoints(options, {
			listeners: this.listeners,
			connectors: this.connectors,
			tlsFor: (listen, targets) => this.tls.for(listen, targets),
			ended: () => this.finished,
			checkIdle: () => this.checkIdle(),
			report,
		});
		if (options.fork) {
			this.forks = new ForkUpstreams(options.targets[0]!, {
				dial: (target, handlers) => this.connectors.dial(target, {reconnectOnClose: false, reconnectOnError: false, ...handlers}),
				addBoundPair,
				report: (level, text) => this.router.report(level, text),
			});
		}
		if (options.execEach !== undefined) {
			this.execEach = new ExecEach(
				{command: options.execEach, stderrToPeer: options.execStderr, stderr: io.readStdin ? 'inherit' : 'ignore'},
				{sink: this.ingress, addBoundPair},
			);
		}
		this.addRoute(this.localRoute);
		if (options.idleTimeoutMs !== undefined) this.idleTimeout = new IdleTimeout(this.router, options.idleTimeoutMs);
		this.router.on('route-added', route => this.routeAdded(route));
		this.router.on('route-removed', ({route, error}) => {
			this.lastRemoved = {route, ...(error ? {error} : {})};
			this.routeRemoved(route, error);
		});
		if (this.exec) {
			this.router.on('peer-ended', id => this.localInput.peerEnded(id));
		}
	}

	/** Binds every listener (all or nothing) and starts every connector. */
	async start(): Promise<void> {
		const access = this.options.access ? await AccessFilter.build(this.options.access) : undefined;
		await this.captures.startFromOptions(this.options);
		if (this.options.udp) {
			await this.startUdp(access);
			this.warnIfExecExposed();
			return;
		}
		// Unix listeners never run TLS (tls:unix: is refused): only IP listeners are TLS candidates.
		await this.tls.start(
			this.options.listen.filter(spec => spec.kind !== 'unix'),
			this.options.targets,
		);
		this.listeners.access = access;
		try {
			for (const spec of this.options.listen) {
				await this.listeners.listen(
					spec,
					spec.kind !== 'unix' && isTlsEndpoint(spec, this.options.tls) ? this.tls.endpoints.acceptor : undefined,
				);
			}
		} catch (error) {
			this.listeners.closeAll();
			throw error;
		}
		this.warnIfExecExposed();
		const notice = sharedTargetsNotice(this.options);
		if (notice) this.router.report('info', notice);
		if (this.forks) return;
		for (const target of this.options.targets) {
			for (let index = 0; index < target.count; index++) this.connectors.start(target);
		}
	}

	/** TCP, TLS, Unix and UDP listeners, as the UI lists them. */
	get listening(): ListenerInfo[] {
		return this.listeners.listening;
	}

	private listenerHost() {
		return {
			report: (level: ReportLevel, text: string) => this.router.report(level, text),
			acceptStream: (socket: net.Socket) => this.acceptStream(socket),
			acceptUnix: (socket: net.Socket, spec: UnixAddress) => {
				const client = new TcpRoute(this.ingress, socket, 'inbound', unixIdentity(spec));
				if (this.forks) this.forks.accept(client);
				else this.addRoute(client);
			},
		};
	}

	/** -e or --exec-each behind a listener that other machines reach hands them a command. */
	private warnIfExecExposed(): void {
		const [flag, command] = this.exec ? ['-e', this.exec.command] : this.execEach ? ['--exec-each', this.execEach.command] : [];
		const warning = flag && command ? execExposureWarning(this.listening, flag, command) : undefined;
		if (warning) this.router.report('warning', warning);
	}

	/** -u: every listener and target is a UDP socket. */
	private async startUdp(access: AccessFilter | undefined): Promise<void> {
		// UDP makes its routes itself: they go through the same stages and gates as TCP's.
		const host: RouteHost = {
			allocateId: () => this.router.allocateId(),
			receive: bytes => this.ingress.receive(bytes),
			drained: id => this.ingress.drained(id),
			peerEnded: id => this.ingress.peerEnded(id),
			removeRoute: (id, error) => this.ingress.removeRoute(id, error),
			addRoute: route => this.addRoute(route),
			report: (level, text) => this.router.report(level, text),
		};
		this.udp = await openUdp(this.options, host, access);
		// The same objects: the access gates count denials on them.
		for (const info of this.udp.listening) this.listening.push(Object.assign(info, {protocol: 'UDP' as const}));
	}

	/** Ends the run: aborts every route, closes listeners; `done` resolves with code. */
	stop(code: number): void {
		this.halt();
		void this.capturesClosed.then(() => this.finish(code));
	}

	/** The run ended by itself: stop, or with a kept screen (UI) stop everything but `done`. */
	private ended(code: number): void {
		if (!this.io.keepOnEnd) return this.stop(code);
		if (this.finished) return;
		this.halt();
		this.io.keepOnEnd(sessionEnd(this.connectors.failedTargets, this.connectors.connectedOnce, this.lastRemoved));
	}

	private halt(): void {
		if (this.finished) return;
		this.finished = true;
		const execGone = this.localInput.stop();
		this.shaper?.stop();
		this.idleTimeout?.stop();
		this.connectors.stopAll();
		this.forks?.stop();
		this.listeners.closeAll();
		this.udp?.close();
		// Captures write their last records before the routes go, and are flushed before the end.
		const capturesClosed = this.captures.stopAll({runEnding: true});
		this.router.destroyAll();
		// --exec-each children were sent SIGTERM (SIGKILL after a grace): the run ends without them;
		// so does an -e child (exec-input.ts).
		this.capturesClosed = Promise.all([capturesClosed, this.execEach?.allGone(), execGone]);
	}

	/** Each target and whether it is connecting, waiting to reconnect, connected or done (UI list). */
	targetStates(): Array<{text: string; state: Dialler['state']}> {
		return this.connectors.states();
	}

	/** The UI's own local input (a file sent with F8): paused and resumed with route 0, as stdin is. */
	attachLocalInput(input: InputControl): void {
		this.localRoute.attachInput(input);
	}

	/** Bytes typed in the UI: local input, through shaping like any other. */
	sendLocal(data: Buffer): void {
		this.ingress.receive({routeId: localRouteId, data});
	}

	/** Local input ended (stdin EOF, or the UI says so): half-close peers, or exit if asked. */
	localInputEnded(): void {
		const delayMs = this.options.quitAfterMs;
		const host = {
			peers: () => this.router.peers() as Route[],
			warn: (text: string) => this.router.report('warning', text),
			stop: () => this.stop(0),
		};
		this.router.localInputEnded(delayMs === undefined ? undefined : () => quitAfterInput(delayMs, host));
	}

	private gate(route: Route): Route {
		return this.shaper ? this.shaper.gate(route) : route;
	}

	/** An accepted TCP socket, or a TLS one after its handshake: a client route (or a --fork pair). */
	private acceptStream(socket: net.Socket): void {
		const client = streamRoute(this.ingress, socket, 'inbound', {keepaliveMs: this.options.keepaliveMs});
		if (this.forks) this.forks.accept(client);
		else this.addRoute(client);
		reportHandshake(client, socket, (level, text) => this.router.report(level, text));
	}

	private addRoute(route: Route): void {
		if (this.execEach?.wants(route)) this.execEach.pair(route);
		else this.router.addRoute(this.gate(route));
	}

	private routeAdded(route: RouteInfo): void {
		if (route.origin === 'inbound' && this.firstInbound === undefined) this.firstInbound = route.id;
		if (route.origin !== 'local') this.localInput.peerAdded();
	}

	private routeRemoved(route: RouteInfo, error?: Error): void {
		this.lastRemovalStatus = statusAfterRemoval(error);
		this.connectors.forget(route.id);
		this.localInput.peerRemoved(route.id);
		if (this.options.listenOnce && route.id === this.firstInbound) {
			this.ended(this.lastRemovalStatus);
			return;
		}
		this.checkIdle();
	}

	/** Nothing can happen any more: no listener, no peer, no connection on its way. */
	private checkIdle(): void {
		if (
			this.finished ||
			this.listeners.openCount > 0 ||
			this.udp?.hasListeners ||
			this.connectors.activeCount > 0 ||
			this.router.peerCount() > 0
		)
			return;
		const {failedTargets, connectedOnce} = this.connectors;
		this.ended(failedTargets > 0 && !connectedOnce ? 1 : this.lastRemovalStatus);
	}
}
