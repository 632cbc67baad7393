// Local input of a run (route 0's source): a generator (rand, fixed), the pfqos client, an -e
// child or standard input. It starts with the first peer, so redirected stdin is not drained into
// nowhere; an -e child sees end of file once every peer finished sending.
import {describeError} from './errors.js';
import type {ExecInput} from './local/exec-input.js';
import type {GeneratorInput} from './local/generator-input.js';
import {createGenerator} from './local/generators.js';
import type {LocalRoute} from './local/local-route.js';
import {PfqosClient} from './local/pfqos-roles.js';
import {StdinInput} from './local/stdin-input.js';
import {maxUdpPayload} from './net/udp.js';
import type {Options} from './options.js';
import type {Router} from './router/router.js';
import {localRouteId, type RouteId, type RouteSink, type SourcedBytes} from './router/route.js';
import type {SessionIo} from './session.js';

export interface LocalInputHost {
	router: Router;
	/** Where local input enters (shaping, the pfqos stage, or the router). */
	ingress: RouteSink;
	localRoute: LocalRoute;
	localInputEnded(): void;
	stop(code: number): void;
}

export class SessionLocalInput {
	private started = false;
	private stdinInput: StdinInput | undefined;
	private generator: GeneratorInput | undefined;
	private pfqosClient: PfqosClient | undefined;
	/** Peers that finished sending; once all have, the -e child's stdin is closed. */
	private readonly endedPeers = new Set<RouteId>();

	constructor(
		private readonly options: Options,
		private readonly io: SessionIo,
		private readonly exec: ExecInput | undefined,
		private readonly host: LocalInputHost,
	) {}

	/** A peer arrived: the first one starts local input; generators wait for peers. */
	peerAdded(): void {
		if (!this.started) {
			this.started = true;
			this.start();
		}
		this.generator?.wake();
	}

	peerEnded(id: RouteId): void {
		this.endedPeers.add(id);
		this.endExecInputWhenPeersDone();
	}

	peerRemoved(id: RouteId): void {
		this.endedPeers.delete(id);
		this.endExecInputWhenPeersDone();
	}

	/** The run ends; resolves once an -e child is gone. */
	stop(): Promise<unknown> | undefined {
		this.stdinInput?.stop();
		this.generator?.stop();
		this.pfqosClient?.stop();
		return this.exec?.stop();
	}

	private start(): void {
		const {options, io, host} = this;
		const mode = options.inputMode;
		// One reused envelope: the router never keeps it, and fixed must not allocate per chunk.
		const generated: SourcedBytes = {routeId: localRouteId, data: Buffer.alloc(0)};
		this.generator = createGenerator(
			options,
			data => {
				generated.data = data;
				host.ingress.receive(generated);
			},
			() => host.router.peerCount() > 0,
		);
		if (this.generator) {
			host.localRoute.attachInput(this.generator);
			this.generator.start();
			return;
		}
		if (mode === 'pfqoscli') {
			this.pfqosClient = new PfqosClient(host.router, host.ingress, options.statsIntervalMs);
			host.localRoute.attachInput(this.pfqosClient);
			this.pfqosClient.start();
			return;
		}
		if (this.exec) {
			host.localRoute.attachInput(this.exec);
			this.exec.start();
			return;
		}
		if (!io.readStdin || (mode !== 'stdin' && mode !== 'stdin-nochar')) return;
		// A UDP datagram holds at most maxUdpPayload bytes: larger stdin chunks are cut.
		const sendSize = options.sendSize ?? (options.udp ? maxUdpPayload : undefined);
		this.stdinInput = new StdinInput(io.stdin, {
			...(sendSize ? {sendSize} : {}),
			keystrokes: mode === 'stdin',
			crlf: options.crlf,
			...(io.echo ? {echo: io.echo} : {}),
			onData: data => host.ingress.receive({routeId: 0, data}),
			heldBytes: () => host.ingress.heldBytes?.(localRouteId) ?? Number.POSITIVE_INFINITY,
			onEnd: () => host.localInputEnded(),
			onError: error => {
				host.router.report('error', `cannot read standard input: ${describeError(error)}; local input ended`);
				host.localInputEnded();
			},
			onInterrupt: () => host.stop(130),
		});
		host.localRoute.attachInput(this.stdinInput);
		this.stdinInput.start();
	}

	/** The -e child sees end of file once every peer finished sending (or left). */
	private endExecInputWhenPeersDone(): void {
		if (this.exec && this.started && this.host.router.peers().every(peer => this.endedPeers.has(peer.id))) this.exec.endInput();
	}
}
