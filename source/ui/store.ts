// The UI store: subscribes to the router's events, folds them into one immutable snapshot per frame
// (connections, a bounded ring of log entries, stats, selection, modes) and hands it to React
// through useSyncExternalStore. No React state per packet: a flood costs one snapshot a frame.
// Rows are built in connection-rows.ts from route-records.ts, log folding lives in log-folding.ts,
// typed input and its aim in typed-input.ts.
import {forwardingModes, type ForwardingMode} from '../options.js';
import {describeRouteAdded, describeRouteRemoved} from '../route-text.js';
import type {ReportLevel, RouteRemovedEvent, Router, RouterEvents, TrafficEvent} from '../router/router.js';
import type {RouteId, RouteInfo} from '../router/route.js';
import {CapturePrompt, type CaptureControls} from './capture-prompt.js';
import {Prompt} from './prompt.js';
import type {SessionEnd} from '../session-end.js';
import {connectionRows, type UiSources} from './connection-rows.js';
import {helpLineCount} from './help-lines.js';
import {computeLayout, type Layout} from './layout.js';
import {canCoalesce, coalesce, trafficEntry} from './log-folding.js';
import {PayloadKeeper} from './log-payloads.js';
import {LogReader} from './log-reader.js';
import {LogRing} from './log-ring.js';
import {pinnedOffset} from './list-window.js';
import {RateSampler} from './rate-sampler.js';
import {RouteRecords} from './route-records.js';
import {Steering, type EndpointControls, type SteeringAction} from './steering.js';
import {TypedInput} from './typed-input.js';
import type {InputMode, LogEntry, LogView, NoticeLevel, Snapshot} from './snapshot.js';

export type * from './snapshot.js';
export type {UiSources} from './connection-rows.js';
export {moveTarget} from './aim.js';
export {canCoalesce, coalesce, previewLimit, scrollAnchor} from './log-folding.js';
export {entryCap, keptBudget} from './log-payloads.js';

export interface UiStoreOptions {
	scrollback: number;
	verbose: boolean;
	crlf: boolean;
	inputMode: InputMode;
	columns: number;
	rows: number;
	protocol?: string;
	sources?: UiSources;
	/** --stats: rates per peer in the rows, totals in the status bar. */
	stats?: boolean;
	/** Where typed bytes enter the session (through shaping); the router itself by default. */
	sendLocal?: (data: Buffer) => void;
	/** Milliseconds between snapshots (one per frame). */
	frameMs?: number;
	/** Captures the capture key starts and stops. */
	capture?: CaptureControls;
	/** Endpoints opened, closed and changed from the UI (ui/steering.ts). */
	endpoints?: EndpointControls;
	now?: () => number;
}

/** Closed connections stay listed (dimmed) until this many newer ones closed. */
const closedRowsKept = 20;
const rateWindowMs = 1000;

/** Listens to one router event; returns the function that stops listening. */
function subscribe<E extends keyof RouterEvents>(router: Router, event: E, listener: (...args: RouterEvents[E]) => void): () => void {
	router.on(event, listener as never);
	return () => router.off(event, listener as never);
}

export function nextForwardingMode(mode: ForwardingMode): ForwardingMode {
	return forwardingModes[(forwardingModes.indexOf(mode) + 1) % forwardingModes.length]!;
}

export class UiStore {
	private readonly ring: LogRing<LogEntry>;
	private readonly routes: RouteRecords;
	private readonly listeners = new Set<() => void>();
	private readonly now: () => number;
	private readonly frameMs: number;
	private snapshot: Snapshot;
	private timer: NodeJS.Timeout | undefined;
	private immediate: NodeJS.Immediate | undefined;
	private readonly rateTimer: NodeJS.Timeout;
	private publishedSeq = -1;
	private readonly keeper = new PayloadKeeper();
	private listOffset = 0;
	private columns: number;
	private rows: number;
	private inputMode: InputMode;
	private view: LogView = 'text';
	private help = false;
	private helpOffset = 0;
	private peersSeen = 0;
	private readonly input: TypedInput;
	private readonly rates: RateSampler;
	private ended: SessionEnd | undefined;
	private lastErrorText: string | undefined;
	private readonly unsubscribe: () => void;
	/** The capture key's prompt (ui/capture-prompt.ts); undefined without capture controls. */
	readonly capturePrompt: CapturePrompt | undefined;
	/** The one prompt on the input line (ui/prompt.ts): every key-opened question uses it. */
	readonly prompt = new Prompt(() => this.respond());
	/** Pairing by hand, endpoints opened and closed from the UI, listener rows (ui/steering.ts). */
	readonly steering: Steering;
	/** Focus, log cursor, details, wrap, follow, search, list moves (ui/log-reader.ts). */
	readonly reader: LogReader;

	constructor(
		private readonly router: Router,
		private readonly options: UiStoreOptions,
	) {
		this.ring = new LogRing<LogEntry>(options.scrollback, entry => this.keeper.dropped(entry));
		this.now = options.now ?? Date.now;
		this.frameMs = options.frameMs ?? 33;
		this.columns = options.columns;
		this.rows = options.rows;
		this.inputMode = options.inputMode;
		this.routes = new RouteRecords(closedRowsKept, options.verbose);
		for (const route of router.peers()) this.routes.added(route);
		this.input = new TypedInput(router, this.routes, options.crlf, {
			notice: (level, text) => this.notice(level, text),
			ended: () => this.ended !== undefined,
			...(options.sendLocal ? {sendLocal: options.sendLocal} : {}),
		});
		this.rates = new RateSampler(router, this.now, options.stats === true);
		this.reader = new LogReader({
			ring: this.ring,
			prompt: this.prompt,
			aim: () => this.input.aim,
			select: target => {
				this.steering.selectedListener = undefined;
				this.input.aimAt(target);
			},
			liveIds: () => this.routes.liveIds(),
			view: () => this.view,
			layout: () => this.layout(),
			columns: () => this.columns,
			changed: () => this.respond(),
		});

		const onTraffic = (event: TrafficEvent) => this.traffic(event);
		const onAdded = (route: RouteInfo) => this.routeAdded(route);
		const onRemoved = (event: RouteRemovedEvent) => this.routeRemoved(event);
		const onMode = (mode: ForwardingMode) => this.notice('mode', `Forwarding mode: ${mode}`);
		const onTarget = () => this.schedule();
		const onChannels = (pairs: Array<[RouteId, RouteId]>) => {
			if (pairs.length > 0) this.notice('info', `Channels: ${pairs.map(([a, b]) => `#${a} <-> #${b}`).join(', ')}`);
			else this.schedule();
		};
		const onPeerEnded = (id: RouteId) => {
			this.routes.peerEnded(id);
			this.schedule();
		};
		const onReport = (level: ReportLevel, text: string) => {
			if (level === 'verbose' && !options.verbose) return;
			this.notice(level === 'verbose' ? 'info' : level, text);
		};
		const subscriptions = [
			subscribe(router, 'traffic', onTraffic),
			subscribe(router, 'route-added', onAdded),
			subscribe(router, 'route-removed', onRemoved),
			subscribe(router, 'mode', onMode),
			subscribe(router, 'target', onTarget),
			subscribe(router, 'channels', onChannels),
			subscribe(router, 'peer-ended', onPeerEnded),
			subscribe(router, 'report', onReport),
		];
		this.unsubscribe = () => {
			for (const unsubscribe of subscriptions) unsubscribe();
		};
		this.rateTimer = setInterval(() => {
			this.rates.sample();
			this.schedule();
		}, rateWindowMs);
		this.rateTimer.unref();
		if (options.capture)
			this.capturePrompt = new CapturePrompt(options.capture, this.prompt, {
				notice: (level, text) => this.notice(level, text),
				changed: () => this.schedule(),
			});
		this.steering = new Steering(router, this.prompt, options.endpoints, (level, text) => this.notice(level, text));
		this.snapshot = this.build();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): Snapshot => this.snapshot;

	/** Publishes a new snapshot now (the frame timer calls this; tests and resizes may too). */
	flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.immediate) clearImmediate(this.immediate);
		this.immediate = undefined;
		this.snapshot = this.build();
		for (const listener of [...this.listeners]) listener();
	}

	dispose(): void {
		clearTimeout(this.timer);
		if (this.immediate) clearImmediate(this.immediate);
		clearInterval(this.rateTimer);
		this.unsubscribe();
		this.listeners.clear();
	}

	// Actions, bound to keys by the keymap. Each answers a person, so each is drawn at once rather
	// than at the next frame tick (see respond()).

	selectBy(delta: number): void {
		const listeners = (this.options.sources?.listeners() ?? []).map(listener => listener.address);
		const aim = this.steering.move(this.input.aim, listeners, this.routes.liveIds(), delta);
		if (aim !== undefined) this.input.aimAt(aim);
		this.respond();
	}

	/** A steering key (ui/steering.ts) on the selected row. */
	steer(action: SteeringAction): void {
		this.steering.run(action, this.input.aim);
		this.respond();
	}

	toggleInputMode(): void {
		this.inputMode = this.inputMode === 'line' ? 'keys' : 'line';
		this.respond();
	}

	cycleForwarding(): void {
		this.router.setMode(nextForwardingMode(this.router.mode));
		this.respond();
	}

	toggleView(): void {
		this.view = this.view === 'text' ? 'hex' : 'text';
		this.respond();
	}

	disconnectSelected(): void {
		if (!this.steering.closeSelectedListener()) this.input.disconnect();
		this.respond();
	}

	/** Ctrl-D: half-close the target (our FIN); its later bytes still arrive. */
	halfCloseTarget(): void {
		this.input.halfClose();
		this.respond();
	}

	/** Pages the log back (negative) or forward (positive); the help overlay when it is open. */
	scroll(pages: number): void {
		if (this.help) {
			const page = Math.max(1, this.layout().logHeight - 1);
			this.helpOffset = Math.max(0, Math.min(helpLineCount() - this.layout().logHeight, this.helpOffset + pages * page));
			this.respond();
			return;
		}
		this.reader.page(pages);
	}

	scrollToEnd(): void {
		this.reader.toEnd();
	}

	setHelp(open: boolean): void {
		this.help = open;
		this.helpOffset = 0;
		this.respond();
	}

	get helpOpen(): boolean {
		return this.help;
	}

	get currentInputMode(): InputMode {
		return this.inputMode;
	}

	get lineEmpty(): boolean {
		return this.input.line.value === '';
	}

	/** The run ended by itself: keep everything on screen and say why. */
	sessionEnded(end: SessionEnd): void {
		this.ended = end;
		// Not an error of its own: the error that caused it (if any) is already the last one.
		this.notice(end.code === 0 ? 'connection' : 'warning', `Session ended: ${end.reason}. q, Esc or Ctrl-C quits`);
	}

	get sessionEnd(): SessionEnd | undefined {
		return this.ended;
	}

	/** The last error the log showed (printed again after leaving the screen). */
	get lastError(): string | undefined {
		return this.lastErrorText;
	}

	/** Line mode: a key for the line editor. */
	editLine(key: Buffer): void {
		if (this.input.edit(key)) this.respond();
	}

	/** Line mode Enter (refused with a notice, the line kept, when the target cannot take it). */
	submitLine(): void {
		if (!this.steering.refusesTyping()) this.input.submit();
		this.respond();
	}

	/** Keystroke mode: one key to the target, unless it cannot take it. */
	sendKey(data: Buffer): void {
		if (!this.steering.refusesTyping()) this.input.key(data);
	}

	/** Local input to the current target, through the router like any other source. */
	sendBytes(data: Buffer): void {
		this.input.send(data);
	}

	setSize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.flush();
	}

	peersSeenCount(): number {
		return this.peersSeen;
	}

	// Event folding.

	private traffic(event: TrafficEvent): void {
		const last = this.ring.lastSeq > this.publishedSeq ? this.ring.get(this.ring.lastSeq) : undefined;
		if (canCoalesce(last, event)) coalesce(last, event.data, this.keeper);
		else this.ring.push(trafficEntry(event, this.now(), this.keeper));
		this.schedule();
	}

	private routeAdded(route: RouteInfo): void {
		if (route.origin === 'local') return;
		this.peersSeen++;
		this.routes.added(route);
		this.notice('connection', `#${route.id} ${describeRouteAdded(route)}`);
	}

	private routeRemoved(event: RouteRemovedEvent): void {
		if (!this.routes.removed(event, this.input.aim)) return;
		this.notice(event.error ? 'error' : 'connection', `#${event.route.id} ${describeRouteRemoved(event.route, event.error)}`);
	}

	private notice(level: NoticeLevel, text: string): void {
		if (level === 'error') this.lastErrorText = text;
		this.ring.push({kind: 'notice', time: this.now(), level, text});
		this.schedule();
	}

	private schedule(): void {
		if (this.timer || this.immediate) return;
		this.timer = setTimeout(() => this.flush(), this.frameMs);
	}

	/**
	 * A key was handled: when nothing else is due, publish on the next turn of the event loop
	 * instead of waiting for a frame tick, so an idle UI answers a key at once (keys that arrive
	 * together still share one snapshot). When a frame is already due (traffic), the key rides on
	 * it: extra renders under a flood would only slow everything down.
	 */
	private respond(): void {
		if (this.immediate || this.timer) return;
		this.immediate = setImmediate(() => this.flush());
	}

	private layout(connectionCount = this.snapshot?.connections.length ?? 1): Layout {
		return computeLayout(this.rows, this.columns, connectionCount);
	}

	private build(): Snapshot {
		const connections = this.steering.markRows(
			connectionRows(this.router, this.routes.values(), this.options.sources, this.options.stats ? this.rates.perRoute : undefined),
		);
		const layout = this.layout(connections.length);
		const target = this.input.aim;
		const selectedIndex = this.steering.selectedIndex(connections, target);
		this.listOffset = pinnedOffset(this.listOffset, Math.max(0, selectedIndex), layout.listHeight, connections.length);
		// Published entries are never merged into again: the newest keeps only its own bytes.
		this.keeper.finish();
		const reader = this.reader.build();
		this.publishedSeq = this.ring.lastSeq;
		const totals = this.router.totalCounters();
		const blocked = this.input.blocked();
		return {
			columns: this.columns,
			rows: this.rows,
			layout,
			forwarding: this.router.mode,
			inputMode: this.inputMode,
			line: this.input.line,
			view: this.view,
			help: this.help,
			helpOffset: this.helpOffset,
			target,
			...(blocked ? {targetBlocked: blocked} : {}),
			...(this.steering.selectedListener !== undefined ? {selectedListener: this.steering.selectedListener} : {}),
			connections,
			selectedIndex,
			listOffset: this.listOffset,
			log: reader.entries,
			newerHidden: reader.newerHidden,
			reader,
			stats: {
				peers: this.router.peerCount(),
				peersSeen: this.peersSeen,
				bytesIn: totals.bytesIn,
				bytesOut: totals.bytesOut,
				rxRate: this.rates.total.rx,
				txRate: this.rates.total.tx,
			},
			showStats: this.options.stats === true,
			protocol: this.options.protocol ?? 'TCP',
			...(this.ended ? {ended: this.ended} : {}),
			...(this.capturePrompt ? {capture: this.capturePrompt.view()} : {}),
			...(this.prompt.isOpen ? {prompt: this.prompt.view()} : {}),
		};
	}
}
