// What the UI shows, as plain data: the store builds one Snapshot per frame, components render it.
import type {ForwardingMode} from '../options.js';
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId, RouteInfo} from '../router/route.js';
import type {SessionEnd} from '../session-end.js';
import type {CaptureView} from './capture-prompt.js';
import type {PromptView} from './prompt.js';
import type {Layout} from './layout.js';
import type {LineState} from './line-editor.js';
import type {ReaderView} from './log-reader.js';

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
	/** The first bytes (up to 64 KiB, a copy, so a big socket buffer is not kept alive; log-payloads.ts). */
	preview: Buffer;
	/** The bytes past the first 1 KiB were given back to keep the log's memory bounded. */
	trimmed?: boolean;
}

export type NoticeLevel = 'info' | 'warning' | 'error' | 'connection' | 'mode';

export interface NoticeEntry {
	kind: 'notice';
	time: number;
	level: NoticeLevel;
	text: string;
}

export type LogEntry = TrafficEntry | NoticeEntry;

/**
 * `half-closed`: we sent our FIN (Ctrl-D) and still read; `peer half-closed`: the peer sent its
 * FIN; `peer`: a UDP peer (there is no connection to speak of).
 */
export type RowState = 'connected' | 'half-closed' | 'peer half-closed' | 'peer' | 'closed' | 'listening' | 'connecting' | 'reconnecting';

export interface Rates {
	rx: number;
	tx: number;
}

export interface ConnectionRow {
	key: string;
	kind: 'all' | 'route' | 'listener' | 'target';
	id?: RouteId;
	protocol: string;
	origin?: RouteInfo['origin'];
	local: string;
	peer: string;
	state: RowState;
	/** Why a closed route closed (short). */
	closeReason?: string;
	bytesIn: number;
	bytesOut: number;
	/** Channel modes: `<-> #2`, or why there is no partner. */
	partner?: string;
	/** --stats: rates over the last second. */
	rates?: Rates;
	/** An --exec-each child's exit status, once it exited. */
	detail?: string;
	/** Listeners: clients now / -m, and how many were refused. */
	clients?: {now: number; max: number; refused: number};
	/** Listeners: sources turned away by --allow/--deny. */
	denied?: number;
	/** Marked for pairing by hand (Ctrl-B). */
	marked?: boolean;
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
	/** First line of the help overlay shown (it scrolls on small screens). */
	helpOffset: number;
	/** Where typed input is aimed; it stays on a peer that left until the user moves it. */
	target: LocalTarget;
	/** Why typed input cannot go to the target now (the peer left, we half-closed it, the run ended). */
	targetBlocked?: 'gone' | 'half-closed' | 'ended';
	/** A listener row is under the list's cursor (its address); typed input is refused meanwhile. */
	selectedListener?: string;
	connections: readonly ConnectionRow[];
	/** -1 when the aimed row is no longer listed. */
	selectedIndex: number;
	listOffset: number;
	/** The log entries that may be visible, oldest first, ending at the scroll position. */
	log: readonly LogEntry[];
	/** Entries newer than the last one shown; 0 when following the live tail. */
	newerHidden: number;
	/** The log region's rows, focus, details view, wrap, follow and search (ui/log-reader.ts). */
	reader: ReaderView;
	stats: Stats;
	/** --stats: totals in the status bar, rates in the rows. */
	showStats: boolean;
	protocol: string;
	/** Set once the run ended by itself: the screen is kept until the user quits. */
	ended?: SessionEnd;
	/** The capture prompt and running captures, when the session offers captures. */
	capture?: CaptureView;
	/** The prompt on the input line, while one is open. */
	prompt?: PromptView;
}
