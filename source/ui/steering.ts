// Steering by hand (issue 15, items 10-12): mark a peer and pair it with another (channel modes),
// unpair a peer, open a connection or a listener through the prompt, close a listener and change
// its -m from its row. The router decides pairs (router/manual-pairs.ts), the session opens and
// closes endpoints (session-live-endpoints.ts); this module turns keys into those calls and notices.
import {isChannelMode, type LocalTarget} from '../router/forwarding.js';
import type {Router} from '../router/router.js';
import type {RouteId} from '../router/route.js';
import {isListenerSelection, moveSelection, type ListSelection} from './list-selection.js';
import type {Prompt} from './prompt.js';
import type {ConnectionRow, NoticeLevel} from './snapshot.js';

/** What the session offers the UI for endpoints (session-live-endpoints.ts). */
export interface EndpointControls {
	/** Opens a target or (`-L ADDR`) a listener; resolves with an error line, or undefined. */
	open(text: string): Promise<string | undefined>;
	closeListener(address: string): string | undefined;
	setMaxClients(address: string, text: string): string | undefined;
	maxClientsOf(address: string): number | undefined;
}

export const openLabel = 'open HOST:PORT, or -L ADDR to listen > ';

export type SteeringAction = 'mark-pair' | 'unpair' | 'open-endpoint' | 'set-max-clients';

export class Steering {
	private markedId: RouteId | undefined;
	/** A listener row under the list's cursor (list-selection.ts); typed input is refused meanwhile. */
	selectedListener: string | undefined;

	constructor(
		private readonly router: Router,
		private readonly prompt: Prompt,
		private readonly endpoints: EndpointControls | undefined,
		private readonly notice: (level: NoticeLevel, text: string) => void,
	) {}

	/** The marked peer, while it is still connected. */
	get marked(): RouteId | undefined {
		if (this.markedId !== undefined && !this.router.route(this.markedId)) this.markedId = undefined;
		return this.markedId;
	}

	/** The row under the list's cursor: a listener, or else where typed input is aimed. */
	selection(aim: LocalTarget): ListSelection {
		return this.selectedListener === undefined ? aim : {listener: this.selectedListener};
	}

	/** Up/Down over the list: the new aim, or undefined when the cursor is now on a listener row. */
	move(aim: LocalTarget, listeners: readonly string[], live: readonly RouteId[], delta: number): LocalTarget | undefined {
		const next = moveSelection(this.selection(aim), listeners, live, delta);
		this.selectedListener = isListenerSelection(next) ? next.listener : undefined;
		return isListenerSelection(next) ? undefined : next;
	}

	/** A steering key on the selected row. */
	run(action: SteeringAction, aim: LocalTarget): void {
		const selection = this.selection(aim);
		if (action === 'mark-pair') this.markOrPair(selection);
		else if (action === 'unpair') this.unpair(selection);
		else if (action === 'open-endpoint') this.openEndpoint();
		else this.setMaxClients(selection);
	}

	/** Ctrl-K: closes the selected listener; false when no listener row is selected. */
	closeSelectedListener(): boolean {
		if (this.selectedListener === undefined) return false;
		this.closeListener(this.selectedListener);
		return true;
	}

	/** A listener row takes no typed input: true (with a notice) when it is selected. */
	refusesTyping(): boolean {
		if (this.selectedListener === undefined) return false;
		this.notice('warning', 'Not sent: a listener is selected (Up/Down picks a peer)');
		return true;
	}

	/** The rows with the marked peer marked. */
	markRows(rows: ConnectionRow[]): ConnectionRow[] {
		const marked = this.marked;
		return marked === undefined ? rows : rows.map(row => (row.kind === 'route' && row.id === marked ? {...row, marked: true} : row));
	}

	/** The selected row's index: the listener's, or the aim's; a listener that closed hands the cursor back. */
	selectedIndex(rows: readonly ConnectionRow[], aim: LocalTarget): number {
		const listener = rows.findIndex(row => row.kind === 'listener' && row.local === this.selectedListener);
		if (listener !== -1) return listener;
		this.selectedListener = undefined;
		return aim === 'all' ? 0 : rows.findIndex(row => row.kind === 'route' && row.id === aim);
	}

	/** Ctrl-B: mark the selected peer; with another one marked, pair the two. */
	markOrPair(selection: ListSelection): void {
		if (!isChannelMode(this.router.mode)) return this.notice('warning', 'Pairing by hand needs a channel mode (Ctrl-F switches)');
		if (typeof selection !== 'number') return this.notice('warning', 'Select a peer with Up/Down first; Ctrl-B marks it');
		const marked = this.marked;
		if (marked === undefined) {
			if (!this.router.route(selection)) return this.notice('warning', `#${selection} is gone`);
			this.markedId = selection;
			return this.notice('info', `Marked #${selection}: select another peer and press Ctrl-B to pair the two`);
		}
		this.markedId = undefined;
		if (marked === selection) return this.notice('info', `Unmarked #${selection}`);
		const result = this.router.pair(marked, selection);
		if ('refused' in result) return this.notice('warning', `Not paired: ${result.refused}`);
		const freed = result.changed.slice(2);
		const rest = freed.length > 0 ? `; ${freed.map(id => `#${id}`).join(' and ')} now unpaired` : '';
		this.notice('info', `Paired #${marked} <-> #${selection} by hand${rest}`);
	}

	/** Ctrl-R: unpair the selected peer; both stay connected. */
	unpair(selection: ListSelection): void {
		if (typeof selection !== 'number') return this.notice('warning', 'Select a peer with Up/Down first; Ctrl-R unpairs it');
		const result = this.router.unpair(selection);
		if ('refused' in result) return this.notice('warning', `Not unpaired: ${result.refused}`);
		this.notice('info', `Unpaired #${result.changed[0]} and #${result.changed[1]} (both stay connected)`);
	}

	/** F2: the prompt for a new connection or listener. */
	openEndpoint(): void {
		const endpoints = this.endpoints;
		if (!endpoints) return this.notice('warning', 'Endpoints cannot be opened here');
		this.prompt.open({label: openLabel, submit: text => endpoints.open(text)});
	}

	/** Ctrl-K on a listener row. */
	closeListener(address: string): void {
		const error = this.endpoints?.closeListener(address);
		if (error) this.notice('warning', `Not closed: ${error}`);
	}

	/** Ctrl-Y on a listener row: a prompt for its new -m. */
	setMaxClients(selection: ListSelection): void {
		const endpoints = this.endpoints;
		if (typeof selection !== 'object') return this.notice('warning', 'Select a listener row with Up/Down first; Ctrl-Y changes its -m');
		if (!endpoints) return;
		const address = selection.listener;
		const current = endpoints.maxClientsOf(address);
		if (current === undefined)
			return this.notice('warning', `Not changed: ${endpoints.setMaxClients(address, '') ?? 'no such listener'}`);
		this.prompt.open({
			label: `-m (clients at once) for ${address} > `,
			initial: String(current),
			submit: text => endpoints.setMaxClients(address, text),
		});
	}
}
