// Builds listeners, connectors, the router and local IO from Options, and decides when the run
// is over. It never exits the process: `done` resolves with the exit status.
import type net from 'node:net';
import {formatAddress, formatUnixAddress, hostOf, type UnixAddress} from './address.js';
import {Captures} from './capture/captures.js';
import {interfaceNamer} from './capture/interface-names.js';
import {describeError} from './errors.js';
import {ForkUpstreams, sharedTargetsNotice} from './fork-upstreams.js';
import {ExecEach} from './local/exec-each.js';
import {ExecInput, isLoopbackAddress} from './local/exec-input.js';
import type {GeneratorInput} from './local/generator-input.js';
import {createGenerator} from './local/generators.js';
import {LocalRoute} from './local/local-route.js';
import {PfqosClient, PfqosServerStage} from './local/pfqos-roles.js';
import {isShaping, Shaper} from './local/shaping.js';
import {StdinInput} from './local/stdin-input.js';
import {AccessFilter, AccessGate} from './net/access-filter.js';
import {IdleTimeout} from './lifecycle/idle-timeout.js';
import {quitAfterInput} from './lifecycle/quit-after-input.js';
import {listenAddresses} from './net/resolve.js';
import {ListenerReports} from './net/listener-reports.js';
import {reportHandshake, streamRoute} from './net/stream-route.js';
import {listenTcp, TcpRoute} from './net/tcp.js';
import {listenUnix, unixIdentity} from './net/unix.js';
import {dialTarget, type Dialler, type DialOptions} from './net/dial.js';
import {isTlsEndpoint, prepareTls, type TlsEndpoints} from './net/tls-endpoints.js';
import {maxUdpPayload} from './net/udp.js';
import {openUdp, type UdpSockets} from './net/udp-setup.js';
import type {Options} from './options.js';
import {statusAfterRemoval} from './reset-ending.js';
import {Router} from './router/router.js';
import {sessionEnd, type LastRemoved, type SessionEnd} from './session-end.js';
import {localRouteId, type Route, type RouteHost, type RouteId, type RouteInfo, type RouteSink, type SourcedBytes} from './router/route.js';

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

export interface ListenerInfo {
	address: string;
	protocol: 'TCP' | 'TLS' | 'UDP' | 'UNIX';
	/** Undefined for a Unix socket. */
	family?: 4 | 6;
	/** TCP: clients now, the -m limit, and clients refused for it (the UI lists them). */
	clients?: {now: number; max: number; refused: number};
	/** Sources turned away by --allow/--deny (TCP connections, UDP datagrams). */
	denied?: number;
}

export class Session {
	readonly router: Router;
	readonly done: Promise<number>;
	readonly listening: ListenerInfo[] = [];
	/** --capture, --hex-dump and the UI's captures: observers of the router. */
	readonly captures: Captures;
	/** The target text each outbound TCP route was opened for, to name it in captures. */
	private readonly targetOfRoute = new Map<RouteId, string>();
	private finish!: (code: number) => void;
	private finished = false;
	private lastRemoved: LastRemoved | undefined;
	/** Settles once every capture file is flushed and every -exec-each child gone (set at halt). */
	private capturesClosed: Promise<unknown> = Promise.resolve();
	private readonly servers: net.Server[] = [];
	private readonly connectors: Dialler[] = [];
	private activeConnectors = 0;
	private connectedOnce = false;
	private failedTargets = 0;
	private readonly localRoute: LocalRoute;
	private stdinInput: StdinInput | undefined;
	private generator: GeneratorInput | undefined;
	private pfqosClient: PfqosClient | undefined;
	private readonly exec: ExecInput | undefined;
	/** Delays and drops (--sdmin.. --rdrop) in front of the router, when asked for. */
	private readonly shaper: Shaper | undefined;
	/** Where routes and local input report: the pfqos server stage, the shaper, or the router itself. */
	private readonly ingress: RouteSink;
	/** Peers that finished sending; once all have, the -e child's stdin is closed. */
	private readonly endedPeers = new Set<RouteId>();
	private inputStarted = false;
	private firstInbound: RouteId | undefined;
	private udp: UdpSockets | undefined;
	/** 1 when the last route left with a reset: if that ended the run, the run failed. */
	private lastRemovalStatus = 0;
	/** Refusals past -m and failed accepts, summarised when they flood. */
	private readonly listenerReports: ListenerReports;
	private readonly idleTimeout: IdleTimeout | undefined;
	private tls: TlsEndpoints = {};
	/** --fork: each client's own upstream. */
	private readonly forks: ForkUpstreams | undefined;
	/** --exec-each: each peer's own child. */
	private readonly execEach: ExecEach | undefined;

	constructor(
		private readonly options: Options,
		private readonly io: SessionIo,
	) {
		this.router = new Router({
			mode: options.forwarding,
			pairSameHost: options.pairSameHost,
			// The pfqos server answers each request to its sender, like echo.
			echo: options.inputMode === 'echo' || options.inputMode === 'pfqossrv',
			// Inputs that may still send after a peer half-closed. Piped input may still hold
			// bytes for a peer that half-closed; a person at a keyboard does not, so then a peer's
			// FIN closes the connection as in netcat. With -r a FIN means "reconnect", so it closes too.
			localInputOpen:
				options.exec !== undefined ||
				['rand', 'fixed', 'pfqoscli'].includes(options.inputMode) ||
				((options.inputMode === 'stdin' || options.inputMode === 'stdin-nochar') &&
					io.readStdin &&
					!io.stdin.isTTY &&
					!options.reconnectOnClose),
			halfCloseWaitMs: options.halfCloseWaitMs,
		});
		this.listenerReports = new ListenerReports((level, text) => this.router.report(level, text), options.maxClients);
		this.captures = new Captures(
			this.router,
			interfaceNamer(
				() => this.listening,
				route => this.targetOfRoute.get(route.id),
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
		if (!this.exec)
			io.output?.on('error', (error: NodeJS.ErrnoException) => {
				// A reader that went away (`| head`) is a normal end of a pipe.
				if (error.code !== 'EPIPE') this.router.report('error', `cannot write output: ${describeError(error)}`);
				this.stop(error.code === 'EPIPE' ? 0 : 1);
			});
		const addBoundPair = (first: Route, second: Route) => this.router.addBoundPair(this.gate(first), this.gate(second));
		if (options.fork) {
			this.forks = new ForkUpstreams(options.targets[0]!, {
				dial: (target, handlers) => this.dial(target, {reconnectOnClose: false, reconnectOnError: false, ...handlers}),
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
			this.router.on('peer-ended', id => {
				this.endedPeers.add(id);
				this.endExecInputWhenPeersDone();
			});
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
		this.tls = await prepareTls(
			this.options.tls,
			{listen: this.options.listen.filter(spec => spec.kind !== 'unix'), targets: this.options.targets},
			{
				onSecure: socket => this.acceptStream(socket),
				report: (level, text) => this.router.report(level, text),
			},
		);
		try {
			for (const spec of this.options.listen) {
				if (spec.kind === 'unix') {
					await this.listenUnix(spec);
					continue;
				}
				const acceptor = isTlsEndpoint(spec, this.options.tls) ? this.tls.acceptor : undefined;
				for (const address of await listenAddresses(spec, this.options.family)) {
					const clients = {now: 0, max: this.options.maxClients, refused: 0};
					const info: ListenerInfo = {
						address: formatAddress(address.address, spec.port),
						protocol: acceptor ? 'TLS' : 'TCP',
						family: address.family,
						clients,
					};
					const server = await listenTcp(address, spec.port, {
						maxClients: this.options.maxClients,
						// TLS reads the socket itself: no onread fast path under it.
						plainReads: acceptor === undefined,
						keepaliveMs: this.options.keepaliveMs,
						onConnection: socket => {
							clients.now++;
							socket.once('close', () => clients.now--);
							if (acceptor) acceptor.accept(socket);
							else this.acceptStream(socket);
						},
						onDrop: peer => {
							clients.refused++;
							this.listenerReports.refused(peer);
						},
						...(access ? {gate: new AccessGate(access, info, text => this.router.report('verbose', text))} : {}),
						onAcceptError: (error, listener) => this.listenerReports.acceptFailed(error, listener),
					});
					this.servers.push(server);
					const bound = server.address() as net.AddressInfo;
					info.address = formatAddress(bound.address, bound.port);
					this.listening.push(info);
					this.router.report('info', `Listening on ${info.address}, protocol ${info.protocol}, family IPv${info.family}`);
				}
			}
		} catch (error) {
			this.closeServers();
			throw error;
		}
		this.warnIfExecExposed();
		const notice = sharedTargetsNotice(this.options);
		if (notice) this.router.report('info', notice);
		if (this.forks) return;
		for (const target of this.options.targets) {
			for (let index = 0; index < target.count; index++) this.startConnector(target);
		}
	}

	/** A Unix listener: its peers are routes like TCP's, named by the path. */
	private async listenUnix(spec: UnixAddress): Promise<void> {
		const {server, notice} = await listenUnix(spec, {
			maxClients: this.options.maxClients,
			onConnection: socket => {
				const client = new TcpRoute(this.ingress, socket, 'inbound', unixIdentity(spec));
				if (this.forks) this.forks.accept(client);
				else this.addRoute(client);
			},
			onDrop: () =>
				this.router.report(
					'warning',
					`Refused connection on ${formatUnixAddress(spec)}: already ${this.options.maxClients} client(s) (-m)`,
				),
		});
		this.servers.push(server);
		if (notice) this.router.report('info', notice);
		this.listening.push({address: formatUnixAddress(spec), protocol: 'UNIX'});
		this.router.report('info', `Listening on ${formatUnixAddress(spec)}, protocol UNIX`);
	}

	/** -e or --exec-each behind a listener that other machines reach hands them a command. */
	private warnIfExecExposed(): void {
		const exposed = this.listening.find(info => info.protocol !== 'UNIX' && !isLoopbackAddress(hostOf(info.address)));
		const [flag, command] = this.exec ? ['-e', this.exec.command] : this.execEach ? ['--exec-each', this.execEach.command] : [];
		if (command && exposed) {
			this.router.report(
				'warning',
				`warning: ${flag} runs "${command}" for anyone who reaches ${exposed.address} (${exposed.protocol}, not a loopback address)`,
			);
		}
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
		this.io.keepOnEnd(sessionEnd(this.failedTargets, this.connectedOnce, this.lastRemoved));
	}

	private halt(): void {
		if (this.finished) return;
		this.finished = true;
		this.stdinInput?.stop();
		this.generator?.stop();
		this.pfqosClient?.stop();
		const execGone = this.exec?.stop();
		this.shaper?.stop();
		this.idleTimeout?.stop();
		for (const connector of this.connectors) connector.stop();
		this.forks?.stop();
		this.closeServers();
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
		return this.connectors.map(connector => ({text: connector.target.text, state: connector.state}));
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

	private startConnector(target: Options['targets'][number]): void {
		this.activeConnectors++;
		this.connectors.push(
			this.dial(target, {
				reconnectOnClose: this.options.reconnectOnClose,
				reconnectOnError: this.options.reconnectOnError,
				onRoute: route => {
					this.connectedOnce = true;
					this.addRoute(route);
				},
				onDone: error => {
					this.activeConnectors--;
					if (error) {
						this.failedTargets++;
						this.router.report('error', error.message);
					}
					this.checkIdle();
				},
			}),
		);
	}

	private dial(
		target: Options['targets'][number],
		handlers: Pick<DialOptions, 'reconnectOnClose' | 'reconnectOnError' | 'onRoute' | 'onDone'>,
	): Dialler {
		const family = this.options.family ? {family: this.options.family} : {};
		const proxy = this.options.proxy ? {proxy: this.options.proxy} : {};
		const timeout = this.options.connectTimeoutMs !== undefined ? {connectTimeoutMs: this.options.connectTimeoutMs} : {};
		const tls = {tlsByDefault: this.options.tls.byDefault, ...(this.tls.client ? {tls: this.tls.client} : {})};
		// Captures name an outbound route after the target it was opened for.
		const onRoute = (route: Route) => {
			this.targetOfRoute.set(route.id, target.text);
			handlers.onRoute(route);
		};
		return dialTarget(target, this.ingress, {
			...family,
			...timeout,
			...tls,
			...proxy,
			keepaliveMs: this.options.keepaliveMs,
			...handlers,
			onRoute,
			onReport: (level, text) => this.router.report(level, text),
		});
	}

	private routeAdded(route: RouteInfo): void {
		if (route.origin === 'inbound' && this.firstInbound === undefined) this.firstInbound = route.id;
		// Local input starts with the first peer, so redirected stdin is not drained into nowhere.
		if (!this.inputStarted && route.origin !== 'local') {
			this.inputStarted = true;
			this.startLocalInput();
		}
		this.generator?.wake();
	}

	private routeRemoved(route: RouteInfo, error?: Error): void {
		this.lastRemovalStatus = statusAfterRemoval(error);
		this.endedPeers.delete(route.id);
		this.targetOfRoute.delete(route.id);
		this.endExecInputWhenPeersDone();
		if (this.options.listenOnce && route.id === this.firstInbound) {
			this.ended(this.lastRemovalStatus);
			return;
		}
		this.checkIdle();
	}

	private startLocalInput(): void {
		const mode = this.options.inputMode;
		// One reused envelope: the router never keeps it, and fixed must not allocate per chunk.
		const generated: SourcedBytes = {routeId: localRouteId, data: Buffer.alloc(0)};
		this.generator = createGenerator(
			this.options,
			data => {
				generated.data = data;
				this.ingress.receive(generated);
			},
			() => this.router.peerCount() > 0,
		);
		if (this.generator) {
			this.localRoute.attachInput(this.generator);
			this.generator.start();
			return;
		}
		if (mode === 'pfqoscli') {
			this.pfqosClient = new PfqosClient(this.router, this.ingress, this.options.statsIntervalMs);
			this.localRoute.attachInput(this.pfqosClient);
			this.pfqosClient.start();
			return;
		}
		if (this.exec) {
			this.localRoute.attachInput(this.exec);
			this.exec.start();
			return;
		}
		if (!this.io.readStdin || (mode !== 'stdin' && mode !== 'stdin-nochar')) return;
		// A UDP datagram holds at most maxUdpPayload bytes: larger stdin chunks are cut.
		const sendSize = this.options.sendSize ?? (this.options.udp ? maxUdpPayload : undefined);
		this.stdinInput = new StdinInput(this.io.stdin, {
			...(sendSize ? {sendSize} : {}),
			keystrokes: mode === 'stdin',
			crlf: this.options.crlf,
			...(this.io.echo ? {echo: this.io.echo} : {}),
			onData: data => this.ingress.receive({routeId: 0, data}),
			heldBytes: () => this.ingress.heldBytes?.(localRouteId) ?? Number.POSITIVE_INFINITY,
			onEnd: () => this.localInputEnded(),
			onError: error => {
				this.router.report('error', `cannot read standard input: ${describeError(error)}; local input ended`);
				this.localInputEnded();
			},
			onInterrupt: () => this.stop(130),
		});
		this.localRoute.attachInput(this.stdinInput);
		this.stdinInput.start();
	}

	/** The -e child sees end of file once every peer finished sending (or left). */
	private endExecInputWhenPeersDone(): void {
		if (this.exec && this.inputStarted && this.router.peers().every(peer => this.endedPeers.has(peer.id))) this.exec.endInput();
	}

	/** Nothing can happen any more: no listener, no peer, no connection on its way. */
	private checkIdle(): void {
		if (this.finished || this.servers.length > 0 || this.udp?.hasListeners || this.activeConnectors > 0 || this.router.peerCount() > 0)
			return;
		this.ended(this.failedTargets > 0 && !this.connectedOnce ? 1 : this.lastRemovalStatus);
	}

	private closeServers(): void {
		for (const server of this.servers.splice(0)) server.close();
	}
}
