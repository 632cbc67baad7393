// -i pfqoscli and -i pfqossrv on top of the router: one datagram is one SourcedBytes.
import type {Router, TrafficEvent} from '../router/router.js';
import {localRouteId, type RouteId, type RouteSink, type SourcedBytes} from '../router/route.js';
import type {InputControl} from './local-route.js';
import {BeaconTracker, beaconReply, isBeaconRequest} from './pfqos.js';

/**
 * The client is local input: every interval a request goes to every peer; replies reach route 0
 * and are reported as a round-trip time per peer.
 */
export class PfqosClient implements InputControl {
	private readonly tracker = new BeaconTracker();
	private timer: NodeJS.Timeout | undefined;
	private paused = false;
	private readonly onTraffic = (event: TrafficEvent): void => {
		if (event.routeId === localRouteId) return;
		const roundTrip = this.tracker.roundTrip(event.data, performance.now());
		const peer = this.router.route(event.routeId)?.peer ?? `route ${event.routeId}`;
		if (roundTrip === undefined) this.router.report('verbose', `pfqos: ignored a datagram from ${peer} that answers no request`);
		else this.router.report('info', `pfqos: ${peer} round trip ${roundTrip.toFixed(2)} ms`);
	};

	constructor(
		private readonly router: Router,
		private readonly ingress: RouteSink,
		private readonly intervalMs: number,
	) {}

	start(): void {
		this.router.on('traffic', this.onTraffic);
		this.send();
		this.timer = setInterval(() => this.send(), this.intervalMs);
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
	}

	stop(): void {
		clearInterval(this.timer);
		this.router.off('traffic', this.onTraffic);
	}

	private send(): void {
		if (this.paused || this.router.peerCount() === 0) return;
		this.ingress.receive({routeId: localRouteId, data: this.tracker.request(performance.now())});
	}
}

/**
 * The server is a stage in front of the router, which runs in echo mode: a request is turned into
 * its reply and echoed to the peer that sent it; anything else is dropped with a verbose note.
 */
export class PfqosServerStage implements RouteSink {
	constructor(
		private readonly router: Router,
		private readonly next: RouteSink,
	) {}

	allocateId(): RouteId {
		return this.next.allocateId();
	}

	receive(bytes: SourcedBytes): void {
		if (bytes.routeId === localRouteId) return;
		if (!isBeaconRequest(bytes.data)) {
			const peer = this.router.route(bytes.routeId)?.peer ?? `route ${bytes.routeId}`;
			this.router.report('verbose', `pfqos: ignored a malformed datagram of ${bytes.data.length} bytes from ${peer}`);
			return;
		}
		this.next.receive({routeId: bytes.routeId, data: beaconReply(bytes.data)});
	}

	drained(id: RouteId): void {
		this.next.drained(id);
	}

	peerEnded(id: RouteId): void {
		this.next.peerEnded(id);
	}

	removeRoute(id: RouteId, error?: Error): void {
		this.next.removeRoute(id, error);
	}
}
