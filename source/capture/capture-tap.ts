// A router observer that records traffic into a capture file. It sits outside the data path: it
// listens to the router's events, and holds traffic back only the way a slow destination does.
//
// Backpressure: a chunk is recorded when the router emits it (after writing it to its
// destinations). If the file then says "wait" (its queue reached its high-water mark), the tap
// asks the router to hold back the chunk's source (Router.holdBack, under the tap's own id), just
// as a socket whose write() returned false would; when the file's queue is low again (CaptureFile's
// 'drain', at its low-water mark), the tap calls router.drained(id) and every source it held
// resumes. So at most one high-water mark plus the
// chunks already in flight are queued, and nothing is dropped: the capture is lossless. Once the
// tap stops (size limit, write error, the user), it releases what it held and listens no more.
import type {Router, RouteRemovedEvent, TrafficEvent} from '../router/router.js';
import {localRouteId, type RouteId, type RouteInfo} from '../router/route.js';
import type {CaptureFile} from './capture-file.js';
import {nowMicros, type CaptureRecorder, type RecordSink} from './capture-recorder.js';

export class CaptureTap {
	/** The id the tap holds sources under (an observer's: no route has it). */
	private readonly id: RouteId;
	private wantsWait = false;
	private running = false;
	private readonly stopped: Promise<void>;
	private resolveStopped!: () => void;
	private readonly recorder: CaptureRecorder;

	constructor(
		private readonly router: Router,
		readonly file: CaptureFile,
		makeRecorder: (sink: RecordSink) => CaptureRecorder,
		private readonly describe: {limit: string | undefined},
	) {
		this.id = router.allocateObserverId();
		this.recorder = makeRecorder(parts => {
			if (!file.write(parts)) this.wantsWait = true;
			return !this.wantsWait;
		});
		this.stopped = new Promise(resolve => {
			this.resolveStopped = resolve;
		});
	}

	/** Starts recording: the file header, the routes already open, then every event. */
	start(): void {
		this.running = true;
		const time = nowMicros();
		this.recorder.begin(time);
		for (const route of this.router.peers()) this.recorder.opened(route, time);
		this.router.on('route-added', this.onRouteAdded);
		this.router.on('traffic', this.onTraffic);
		this.router.on('peer-ended', this.onPeerEnded);
		// First in line: a listener that ends the session on a close (-l) must not stop the capture
		// before this close is recorded.
		this.router.prependListener('route-removed', this.onRouteRemoved);
		this.file.on('drain', this.onDrain);
		this.file.on('full', this.onFull);
		this.file.on('failed', this.onError);
	}

	get active(): boolean {
		return this.running;
	}

	/** Resolves once the tap stopped and its file is closed. */
	get done(): Promise<void> {
		return this.stopped;
	}

	/**
	 * Stops recording, releases held sources, flushes and closes the file. When the run is ending,
	 * the connections still open end in the file with our FIN (the session closes them); a capture
	 * stopped by the user leaves them open there, as they are.
	 */
	async stop({runEnding = false}: {runEnding?: boolean} = {}): Promise<void> {
		if (!this.running) return this.stopped;
		this.running = false;
		this.router.off('route-added', this.onRouteAdded);
		this.router.off('traffic', this.onTraffic);
		this.router.off('peer-ended', this.onPeerEnded);
		this.router.off('route-removed', this.onRouteRemoved);
		this.file.off('drain', this.onDrain);
		if (runEnding) {
			const time = nowMicros();
			for (const route of this.router.peers()) this.recorder.runEnded(route, time);
		}
		this.router.drained(this.id);
		await this.file.close();
		this.resolveStopped();
	}

	private readonly onRouteAdded = (route: RouteInfo): void => {
		if (route.origin === 'local') return;
		this.recorder.opened(route, nowMicros());
		// An open is a few small records: it never waits, and holds no source back.
	};

	private readonly onTraffic = (event: TrafficEvent): void => {
		const time = nowMicros();
		if (event.routeId !== localRouteId) {
			const source = this.router.route(event.routeId);
			if (source) this.recorder.data(source, false, event.data, time);
		}
		for (const destinationId of event.destinations) {
			if (destinationId === localRouteId) continue;
			const destination = this.router.route(destinationId);
			if (destination) this.recorder.data(destination, true, event.data, time);
		}
		if (this.wantsWait && this.running && this.file.active) this.router.holdBack(event.routeId, this.id);
	};

	private readonly onPeerEnded = (id: RouteId): void => {
		const route = this.router.route(id);
		if (route) this.recorder.peerFinished(route, nowMicros());
	};

	private readonly onRouteRemoved = ({route, error}: RouteRemovedEvent): void => {
		this.recorder.closed(route, error, nowMicros());
	};

	private readonly onDrain = (): void => {
		this.wantsWait = false;
		this.router.drained(this.id);
	};

	private readonly onFull = (): void => {
		this.router.report(
			'warning',
			`capture stopped: ${this.file.path} reached its size limit${this.describe.limit ? ` (--capture-max ${this.describe.limit})` : ''}`,
		);
		void this.stop();
	};

	private readonly onError = (text: string): void => {
		this.router.report('error', `${text}; capture stopped`);
		void this.stop();
	};
}
