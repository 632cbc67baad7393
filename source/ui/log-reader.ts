// Reading the log and moving through the list (issue 15, items 1-5): which region has the focus
// (Tab), the log's scroll position and cursor, the details view, wrap, follow one peer, search,
// and the long-list moves (page, first/last, jump to #N). The store owns the data; this owns where
// the reader is, and builds the rows of the log region for each snapshot.
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId} from '../router/route.js';
import {moveTarget} from './aim.js';
import {DetailsView} from './details-view.js';
import {followFilter} from './follow.js';
import {logWindow, nearestKept, stepKept, type Keep} from './log-cursor.js';
import type {Layout} from './layout.js';
import type {DisplayLine} from './log-lines.js';
import type {LogRing} from './log-ring.js';
import {entryRows} from './log-rows.js';
import type {Prompt} from './prompt.js';
import {LogSearch, type Direction} from './search.js';
import type {LogEntry, LogView} from './snapshot.js';

/** input: keys as before (Up/Down pick the peer, PgUp/PgDn scroll the log); list / log: Tab. */
export type Focus = 'input' | 'list' | 'log';
const focusOrder: readonly Focus[] = ['input', 'list', 'log'];

export interface ReaderHost {
	readonly ring: LogRing<LogEntry>;
	readonly prompt: Prompt;
	aim(): LocalTarget;
	/** Aims typed input (and the selected row) at a target. */
	select(target: LocalTarget): void;
	liveIds(): RouteId[];
	view(): LogView;
	layout(): Layout;
	columns(): number;
	changed(): void;
}

/** What the log region paints, and the state its titles tell. */
export interface ReaderView {
	focus: Focus;
	wrap: boolean;
	/** Following this peer (F5); 'all' when following is on but All peers is selected. */
	follow?: LocalTarget;
	search?: {query: string; note?: string};
	rows: DisplayLine[];
	entries: LogEntry[];
	newerHidden: number;
	details?: {rows: DisplayLine[]; offset: number; total: number};
}

const allEntries: Keep = () => true;

export class LogReader {
	focus: Focus = 'input';
	private wrap = false;
	private following = false;
	/** Bottom entry of the view; undefined: the live tail. */
	private anchor: number | undefined;
	/** Entry under the cursor while the log has the focus. */
	private cursor: number | undefined;
	private readonly search = new LogSearch();
	readonly details = new DetailsView();

	constructor(private readonly host: ReaderHost) {}

	private keep(): Keep {
		return (this.following && followFilter(this.host.aim())) || allEntries;
	}

	private done(): void {
		this.host.changed();
	}

	// Focus.

	cycleFocus(delta: 1 | -1): void {
		const index = focusOrder.indexOf(this.focus);
		this.setFocus(focusOrder[(index + delta + focusOrder.length) % focusOrder.length]!);
	}

	setFocus(focus: Focus): void {
		if (focus === 'log' && this.focus !== 'log') {
			const ring = this.host.ring;
			this.cursor =
				nearestKept(ring, this.anchor ?? ring.lastSeq, -1, this.keep()) ?? nearestKept(ring, ring.firstSeq, 1, this.keep());
		}
		if (focus !== 'log') this.cursor = undefined;
		this.focus = focus;
		this.done();
	}

	/** Esc: closes the details view, else ends the search, else gives the focus back; false if nothing to do. */
	escape(): boolean {
		if (this.details.isOpen) this.details.close();
		else if (this.search.query !== undefined) this.search.clear();
		else if (this.focus !== 'input') this.setFocus('input');
		else return false;
		this.done();
		return true;
	}

	// The log.

	/** PgUp / PgDn: the cursor (log focus), the list (list focus) or the view moves a page. */
	page(pages: number): void {
		if (this.focus === 'list') return this.listMove(pages * Math.max(1, this.host.layout().listHeight - 2));
		const page = Math.max(1, this.host.layout().logHeight - 1);
		if (this.focus === 'log') return this.moveCursor(pages * page);
		const ring = this.host.ring;
		const keep = this.keep();
		const last = nearestKept(ring, ring.lastSeq, -1, keep);
		if (last === undefined) return this.done();
		const moved = stepKept(ring, this.anchor ?? last, pages * page, keep);
		// Never less than a full page at the oldest end.
		const lowest = stepKept(ring, ring.firstSeq, page, keep) ?? last;
		this.anchor = moved === undefined || moved >= last ? undefined : Math.max(moved, Math.min(lowest, last));
		if (this.anchor === last) this.anchor = undefined;
		this.done();
	}

	/** Up/Down while the log has the focus. */
	moveCursor(delta: number): void {
		const ring = this.host.ring;
		const from = this.cursor ?? this.anchor ?? ring.lastSeq;
		this.cursor = stepKept(ring, from, delta, this.keep());
		this.done();
	}

	/** End: the live tail (the last entry, with the focus on the log). */
	toEnd(): void {
		if (this.focus === 'list') return this.listMove(Number.MAX_SAFE_INTEGER);
		this.anchor = undefined;
		if (this.focus === 'log') this.cursor = nearestKept(this.host.ring, this.host.ring.lastSeq, -1, this.keep());
		this.done();
	}

	/** Home: the first row of the list, or the oldest entry of the log. */
	toStart(): void {
		if (this.focus === 'list') return this.listMove(-Number.MAX_SAFE_INTEGER);
		const ring = this.host.ring;
		const first = nearestKept(ring, ring.firstSeq, 1, this.keep());
		if (this.focus === 'log') this.cursor = first;
		// Without a cursor the view shows the oldest page.
		else if (first !== undefined) this.anchor = stepKept(ring, first, Math.max(0, this.host.layout().logHeight - 1), this.keep());
		this.done();
	}

	/** Enter while the log has the focus. */
	openDetails(): void {
		if (this.cursor === undefined) return;
		this.details.open(this.cursor);
		this.done();
	}

	toggleWrap(): void {
		this.wrap = !this.wrap;
		this.done();
	}

	toggleFollow(): void {
		this.following = !this.following;
		this.done();
	}

	// Search.

	/** F3: asks what to search when no search is on, else finds the next older match. */
	searchKey(direction: Direction): void {
		if (this.search.query === undefined) {
			this.host.prompt.open({
				label: 'search: ',
				submit: value => {
					this.search.set(value);
					const ring = this.host.ring;
					// A new search may find the entry under the cursor itself.
					this.findFrom((this.cursor ?? this.anchor ?? ring.lastSeq) + 1, 'older');
					return undefined;
				},
			});
			return;
		}
		const ring = this.host.ring;
		this.findFrom(this.cursor ?? (this.anchor ?? ring.lastSeq) + 1, direction);
	}

	private findFrom(from: number, direction: Direction): void {
		if (this.details.isOpen) {
			this.findInDetails(direction);
			return this.done();
		}
		const found = this.search.find(this.host.ring, from, direction, this.host.view(), this.keep());
		if (found !== undefined) {
			this.focus = 'log';
			this.cursor = found;
		}
		this.done();
	}

	private findInDetails(direction: Direction): void {
		const entry = this.details.seq === undefined ? undefined : this.host.ring.get(this.details.seq);
		const query = this.search.query;
		if (!entry || query === undefined) return;
		const rows = this.details.rows(entry, this.host.view(), this.host.columns(), query);
		const found = this.details.findRow(rows, query, direction === 'older' ? -1 : 1, this.host.layout().logHeight);
		this.search.note = found ? undefined : `no ${direction === 'older' ? 'earlier' : 'later'} match in this entry`;
	}

	// The connection list.

	private listMove(delta: number): void {
		this.host.select(moveTarget(this.host.aim(), this.host.liveIds(), delta));
		this.done();
	}

	/** F6: a prompt for a route number; the row is selected (and typed input aimed at it). */
	promptRoute(): void {
		this.host.prompt.open({
			label: 'go to #',
			submit: value => {
				const text = value.trim().replace(/^#/, '');
				if (!/^\d+$/.test(text)) return 'a route number, e.g. 12';
				const id = Number(text);
				if (!this.host.liveIds().includes(id)) return `no live peer #${id}`;
				this.host.select(id);
				this.done();
				return undefined;
			},
		});
	}

	// Details view keys.

	detailsKey(action: 'up' | 'down' | 'page-up' | 'page-down' | 'home' | 'end'): void {
		const total = this.detailsTotal();
		const height = this.host.layout().logHeight;
		const page = Math.max(1, height - 1);
		const delta = {up: -1, down: 1, 'page-up': -page, 'page-down': page, home: -total, end: total}[action];
		this.details.scroll(delta, height, total);
		this.done();
	}

	private detailsTotal(): number {
		const entry = this.details.seq === undefined ? undefined : this.host.ring.get(this.details.seq);
		return entry ? this.details.rows(entry, this.host.view(), this.host.columns(), this.search.query).length : 0;
	}

	// The snapshot.

	build(): ReaderView {
		const ring = this.host.ring;
		const keep = this.keep();
		const height = this.host.layout().logHeight;
		const width = this.host.columns();
		const view = this.host.view();
		const query = this.search.query;
		if (this.cursor !== undefined) {
			if (this.cursor < ring.firstSeq || !ring.get(this.cursor) || !keep(ring.get(this.cursor)!))
				this.cursor = nearestKept(ring, this.cursor, -1, keep) ?? nearestKept(ring, this.cursor, 1, keep);
		}
		if (this.anchor !== undefined && this.cursor === undefined) {
			// Entries fell off the front of the ring: hold the view at the oldest full page.
			const lowest = stepKept(ring, ring.firstSeq, height - 1, keep);
			if (lowest !== undefined && this.anchor < lowest) this.anchor = lowest;
			if (this.anchor >= (nearestKept(ring, ring.lastSeq, -1, keep) ?? ring.lastSeq)) this.anchor = undefined;
		}
		const cursor = this.cursor;
		const window = logWindow(ring, this.anchor, cursor, height, keep, (entry, seq) =>
			entryRows(entry, {view, width, wrap: this.wrap, query, cursor: seq === cursor}),
		);
		// With the cursor on, the view holds still around it.
		if (cursor !== undefined && window.bottom !== undefined) {
			const last = nearestKept(ring, ring.lastSeq, -1, keep);
			this.anchor = window.bottom === last && this.anchor === undefined ? undefined : window.bottom;
		}
		const result: ReaderView = {
			focus: this.focus,
			wrap: this.wrap,
			rows: window.rows,
			entries: window.entries,
			newerHidden: this.anchor === undefined ? 0 : ring.lastSeq - this.anchor,
		};
		if (this.following) result.follow = this.host.aim();
		if (query !== undefined) result.search = {query, ...(this.search.note ? {note: this.search.note} : {})};
		const entry = this.details.seq === undefined ? undefined : ring.get(this.details.seq);
		if (this.details.isOpen && !entry) this.details.close();
		if (entry) {
			const rows = this.details.rows(entry, view, width, query);
			this.details.scroll(0, height, rows.length);
			result.details = {
				rows: rows.slice(this.details.offset, this.details.offset + height),
				offset: this.details.offset,
				total: rows.length,
			};
		}
		return result;
	}
}
