// The UI store: subscribes to the router's events, folds them into one immutable snapshot per frame
// (connections, a bounded ring of log entries, stats, selection, modes) and hands it to React
// through useSyncExternalStore. No React state per packet: a flood costs one snapshot a frame.
import {forwardingModes, type ForwardingMode} from '../options.js';
import {describeRouteAdded, describeRouteRemoved} from '../route-text.js';
import {statsBetween} from '../local/stats.js';
import type {LocalTarget} from '../router/forwarding.js';
import type {ReportLevel, RouteCounters, RouteRemovedEvent, Router, RouterEvents, TrafficEvent} from '../router/router.js';
import {localRouteId, type RouteId, type RouteInfo} from '../router/route.js';
import {CapturePrompt, type CaptureControls, type CaptureView} from './capture-prompt.js';
import {computeLayout, keepVisible, type Layout} from './layout.js';
import {editLine, emptyLine, type LineState} from './line-editor.js';
import {LogRing} from './log-ring.js';

export type InputMode = 'line' | 'keys';
export type LogView = 'text' | 'hex';

export interface TrafficEntry {
	kind: 'traffic';
	time: number;
	source: RouteId;
	destinations: readonly RouteId[];
	/** Total bytes, and how many chunks were coalesced into this entry. */
	bytes: number;
	chunks: number;
	/** The first bytes only (a copy, so a big socket buffer is not kept alive). */
	preview: Buffer;
}

export type NoticeLevel = 'info' | 'warning' | 'error' | 'connection' | 'mode';

export interface NoticeEntry {
	kind: 'notice';
	time: number;
	level: NoticeLevel;
	text: string;
}

export type LogEntry = TrafficEntry | NoticeEntry;

export type RowState = 'connected' | 'closed' | 'listening' | 'connecting' | 'reconnecting';

export interface ConnectionRow {
	key: string;
	kind: 'all' | 'route' | 'listener' | 'target';
	id?: RouteId;
	protocol: string;
	origin?: RouteInfo['origin'];
	local: string;
	peer: string;
	state: RowState;
	bytesIn: number;
	bytesOut: number;
	partner?: RouteId;
	/** An --exec-each child's exit status, once it exited. */
	detail?: string;
}

export interface Stats {
	peers: number;
	peersSeen: number;
	bytesIn: number;
	bytesOut: number;
	rxRate: number;
	txRate: number;
}

export interface Snapshot {
	columns: number;
	rows: number;
	layout: Layout;
	forwarding: ForwardingMode;
	inputMode: InputMode;
	/** The line being typed in line mode. */
	line: LineState;
	view: LogView;
	help: boolean;
	target: LocalTarget;
	connections: readonly ConnectionRow[];
	selectedIndex: number;
	listOffset: number;
	/** The log entries that may be visible, oldest first, ending at the scroll position. */
	log: readonly LogEntry[];
	/** Entries newer than the last one shown; 0 when following the live tail. */
	newerHidden: number;
	stats: Stats;
	protocol: string;
	/** The capture prompt and running captures, when the session offers captures. */
	capture?: CaptureView;
}

/** What the session knows that the router does not: listeners and targets still connecting. */
export interface UiSources {
	listeners(): ReadonlyArray<{address: string; protocol: string}>;
	targets(): ReadonlyArray<{text: string; state: 'connecting' | 'reconnecting' | 'connected' | 'done'}>;
}

export interface UiStoreOptions {
	scrollback: number;
	verbose: boolean;
	crlf: boolean;
	inputMode: InputMode;
	columns: number;
	rows: number;
	protocol?: string;
	sources?: UiSources;
	/** Where typed bytes enter the session (through shaping); the router itself by default. */
	sendLocal?: (data: Buffer) => void;
	/** Milliseconds between snapshots (one per frame). */
	frameMs?: number;
	/** Captures the capture key starts and stops. */
	capture?: CaptureControls;
	now?: () => number;
}

/** Bytes of each payload kept for display. */
export const previewLimit = 1024;
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

/** The target `delta` steps away among `All peers` and the connected routes, clamped at the ends. */
export function moveTarget(current: LocalTarget, connected: readonly RouteId[], delta: number): LocalTarget {
	const choices: LocalTarget[] = ['all', ...connected];
	const index = Math.max(0, choices.indexOf(current));
	return choices[Math.min(choices.length - 1, Math.max(0, index + delta))]!;
}

/** Whether a chunk may be merged into the previous (still unpublished) traffic entry. */
export function canCoalesce(last: LogEntry | undefined, event: TrafficEvent): last is TrafficEntry {
	return (
		last?.kind === 'traffic' &&
		last.source === event.routeId &&
		last.destinations.length === event.destinations.length &&
		last.destinations.every((id, index) => id === event.destinations[index])
	);
}

export function coalesce(entry: TrafficEntry, data: Buffer): void {
	entry.bytes += data.length;
	entry.chunks++;
	if (entry.preview.length < previewLimit) {
		entry.preview = Buffer.concat([entry.preview, data.subarray(0, previewLimit - entry.preview.length)]);
	}
}

/** Bottom entry of the scrolled-back view after paging; undefined means the live tail. */
export function scrollAnchor(anchor: number | undefined, pages: number, page: number, firstSeq: number, lastSeq: number): number | undefined {
	if (lastSeq < firstSeq) return undefined;
	const moved = (anchor ?? lastSeq) + pages * page;
	if (moved >= lastSeq) return undefined;
	return Math.max(Math.min(lastSeq, firstSeq + page), moved);
}

interface RouteRow {
	info: RouteInfo;
	closed?: RouteCounters;
}

export class UiStore {
	private readonly ring: LogRing<LogEntry>;
	private readonly routes = new Map<RouteId, RouteRow>();
	private closedOrder: RouteId[] = [];
	private readonly listeners = new Set<() => void>();
	private readonly now: () => number;
	private readonly frameMs: number;
	private snapshot: Snapshot;
	private timer: NodeJS.Timeout | undefined;
	private readonly rateTimer: NodeJS.Timeout;
	private publishedSeq = -1;
	private anchor: number | undefined;
	private listOffset = 0;
	private columns: number;
	private rows: number;
	private inputMode: InputMode;
	private line: LineState = emptyLine;
	private view: LogView = 'text';
	private help = false;
	private peersSeen = 0;
	private rates = {rx: 0, tx: 0};
	private rateSample: {time: number; counters: RouteCounters};
	private readonly unsubscribe: () => void;
	/** The capture key's prompt (ui/capture-prompt.ts); undefined without capture controls. */
	readonly capturePrompt: CapturePrompt | undefined;

	constructor(
		private readonly router: Router,
		private readonly options: UiStoreOptions,
	) {
		this.ring = new LogRing(options.scrollback);
		this.now = options.now ?? Date.now;
		this.frameMs = options.frameMs ?? 33;
		this.columns = options.columns;
		this.rows = options.rows;
		this.inputMode = options.inputMode;
		for (const route of router.peers()) this.routes.set(route.id, {info: route});
		this.rateSample = {time: this.now(), counters: router.totalCounters()};

		const onTraffic = (event: TrafficEvent) => this.traffic(event);
		const onAdded = (route: RouteInfo) => this.routeAdded(route);
		const onRemoved = (event: RouteRemovedEvent) => this.routeRemoved(event);
		const onMode = (mode: ForwardingMode) => this.notice('mode', `Forwarding mode: ${mode}`);
		const onTarget = () => this.schedule();
		const onChannels = (pairs: Array<[RouteId, RouteId]>) => {
			if (pairs.length > 0) this.notice('info', `Channels: ${pairs.map(([a, b]) => `#${a} <-> #${b}`).join(', ')}`);
			else this.schedule();
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
			subscribe(router, 'report', onReport),
		];
		this.unsubscribe = () => {
			for (const unsubscribe of subscriptions) unsubscribe();
		};
		// Rates decay to zero when traffic stops, so they are sampled on a clock, not per event.
		this.rateTimer = setInterval(() => this.sampleRates(), rateWindowMs);
		this.rateTimer.unref();
		if (options.capture) this.capturePrompt = new CapturePrompt(options.capture, {notice: (level, text) => this.notice(level, text), changed: () => this.schedule()});
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
		this.snapshot = this.build();
		for (const listener of [...this.listeners]) listener();
	}

	dispose(): void {
		clearTimeout(this.timer);
		clearInterval(this.rateTimer);
		this.unsubscribe();
		this.listeners.clear();
	}

	// Actions, bound to keys by the keymap.

	selectBy(delta: number): void {
		const connected = [...this.routes.values()].filter(row => !row.closed).map(row => row.info.id);
		this.router.setLocalTarget(moveTarget(this.router.localTarget, connected, delta));
		this.schedule();
	}

	toggleInputMode(): void {
		this.inputMode = this.inputMode === 'line' ? 'keys' : 'line';
		this.schedule();
	}

	cycleForwarding(): void {
		this.router.setMode(nextForwardingMode(this.router.mode));
	}

	toggleView(): void {
		this.view = this.view === 'text' ? 'hex' : 'text';
		this.schedule();
	}

	disconnectSelected(): void {
		const target = this.router.localTarget;
		if (target === 'all') {
			this.notice('warning', 'Select one peer with Up/Down first; Ctrl-K closes the selected peer');
			return;
		}
		this.notice('info', `Closing #${target}`);
		this.router.closeRoute(target);
	}

	/** Pages the log back (negative) or forward (positive). */
	scroll(pages: number): void {
		const page = Math.max(1, this.layout().logHeight - 1);
		this.anchor = scrollAnchor(this.anchor, pages, page, this.ring.firstSeq, this.ring.lastSeq);
		this.schedule();
	}

	scrollToEnd(): void {
		this.anchor = undefined;
		this.schedule();
	}

	setHelp(open: boolean): void {
		this.help = open;
		this.schedule();
	}

	get helpOpen(): boolean {
		return this.help;
	}

	get currentInputMode(): InputMode {
		return this.inputMode;
	}

	/** Line mode: a key for the line editor. */
	editLine(key: Buffer): void {
		const next = editLine(this.line, key);
		if (next === this.line) return;
		this.line = next;
		this.schedule();
	}

	/** Line mode Enter: the line plus the line end the user chose (-C). */
	submitLine(): void {
		const text = this.line.value;
		this.line = emptyLine;
		this.sendBytes(Buffer.from(text + (this.options.crlf ? '\r\n' : '\n')));
		this.schedule();
	}

	/** Local input to the current target, through the router like any other source. */
	sendBytes(data: Buffer): void {
		if (data.length === 0) return;
		if (this.options.sendLocal) this.options.sendLocal(data);
		else this.router.receive({routeId: localRouteId, data});
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
		if (canCoalesce(last, event)) coalesce(last, event.data);
		else {
			this.ring.push({
				kind: 'traffic',
				time: this.now(),
				source: event.routeId,
				destinations: event.destinations,
				bytes: event.data.length,
				chunks: 1,
				preview: Buffer.from(event.data.subarray(0, previewLimit)),
			});
		}
		this.schedule();
	}

	private routeAdded(route: RouteInfo): void {
		if (route.origin === 'local') return;
		this.peersSeen++;
		this.routes.set(route.id, {info: route});
		this.notice('connection', `#${route.id} ${describeRouteAdded(route)}`);
	}

	private routeRemoved({route, counters, error}: RouteRemovedEvent): void {
		const row = this.routes.get(route.id);
		if (!row) return;
		row.closed = {...counters};
		this.closedOrder.push(route.id);
		while (this.closedOrder.length > closedRowsKept) this.routes.delete(this.closedOrder.shift()!);
		this.notice(error ? 'error' : 'connection', `#${route.id} ${describeRouteRemoved(route, error)}`);
	}

	private notice(level: NoticeLevel, text: string): void {
		this.ring.push({kind: 'notice', time: this.now(), level, text});
		this.schedule();
	}

	private sampleRates(): void {
		const counters = this.router.totalCounters();
		const time = this.now();
		const stats = statsBetween(this.rateSample.counters, counters, Math.max(1, time - this.rateSample.time));
		this.rates = {rx: stats.received.bytesPerSecond, tx: stats.sent.bytesPerSecond};
		this.rateSample = {time, counters};
		this.schedule();
	}

	private schedule(): void {
		if (this.timer) return;
		this.timer = setTimeout(() => this.flush(), this.frameMs);
	}

	private connectionRows(): ConnectionRow[] {
		const rows: ConnectionRow[] = [{key: 'all', kind: 'all', protocol: '', local: '', peer: '', state: 'connected', bytesIn: 0, bytesOut: 0}];
		for (const listener of this.options.sources?.listeners() ?? []) {
			rows.push({key: `listen ${listener.address}`, kind: 'listener', protocol: listener.protocol, local: listener.address, peer: '*', state: 'listening', bytesIn: 0, bytesOut: 0});
		}
		const ordered = [...this.routes.values()].sort((a, b) => a.info.id - b.info.id);
		for (const {info, closed} of ordered) {
			const counters = closed ?? this.router.counters(info.id) ?? {bytesIn: 0, bytesOut: 0};
			const partner = closed ? undefined : this.router.partnerOf(info.id);
			rows.push({
				key: `route ${info.id}`,
				kind: 'route',
				id: info.id,
				protocol: info.protocol.toUpperCase(),
				origin: info.origin,
				local: info.local,
				peer: info.peer,
				state: closed ? 'closed' : 'connected',
				bytesIn: counters.bytesIn,
				bytesOut: counters.bytesOut,
				...(partner !== undefined ? {partner} : {}),
				...(info.child?.status ? {detail: info.child.status} : {}),
			});
		}
		let index = 0;
		for (const target of this.options.sources?.targets() ?? []) {
			index++;
			if (target.state !== 'connecting' && target.state !== 'reconnecting') continue;
			rows.push({key: `target ${index}`, kind: 'target', protocol: 'TCP', local: '', peer: target.text, state: target.state, bytesIn: 0, bytesOut: 0});
		}
		// The "All peers" row sums every live route.
		const totals = this.router.totalCounters();
		rows[0] = {...rows[0]!, bytesIn: totals.bytesIn, bytesOut: totals.bytesOut};
		return rows;
	}

	private layout(connectionCount = this.snapshot?.connections.length ?? 1): Layout {
		return computeLayout(this.rows, this.columns, connectionCount);
	}

	private build(): Snapshot {
		const connections = this.connectionRows();
		const layout = this.layout(connections.length);
		const target = this.router.localTarget;
		const selectedIndex = Math.max(0, target === 'all' ? 0 : connections.findIndex(row => row.kind === 'route' && row.id === target));
		this.listOffset = keepVisible(this.listOffset, selectedIndex, layout.listHeight, connections.length);
		if (this.anchor !== undefined) {
			// Entries fell off the front of the ring: hold the view at the oldest full page.
			this.anchor = Math.max(this.anchor, Math.min(this.ring.lastSeq, this.ring.firstSeq + layout.logHeight - 1));
			if (this.anchor >= this.ring.lastSeq) this.anchor = undefined;
		}
		const bottom = this.anchor ?? this.ring.lastSeq;
		this.publishedSeq = this.ring.lastSeq;
		const totals = this.router.totalCounters();
		return {
			columns: this.columns,
			rows: this.rows,
			layout,
			forwarding: this.router.mode,
			inputMode: this.inputMode,
			line: this.line,
			view: this.view,
			help: this.help,
			target,
			connections,
			selectedIndex,
			listOffset: this.listOffset,
			log: this.ring.window(bottom, layout.logHeight),
			newerHidden: this.ring.lastSeq - bottom,
			stats: {
				peers: this.router.peerCount(),
				peersSeen: this.peersSeen,
				bytesIn: totals.bytesIn,
				bytesOut: totals.bytesOut,
				rxRate: this.rates.rx,
				txRate: this.rates.tx,
			},
			protocol: this.options.protocol ?? 'TCP',
			...(this.capturePrompt ? {capture: this.capturePrompt.view()} : {}),
		};
	}
}
