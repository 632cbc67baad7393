// Where typed input goes and whether it may: the aim (All peers or one route, moved only by the
// user), the line being typed, Enter and keystrokes, and the keys that act on the aimed peer
// (Ctrl-K closes it, Ctrl-D half-closes it). A target that cannot take input refuses it with a
// notice, and the line is kept.
import type {LocalTarget} from '../router/forwarding.js';
import type {Router} from '../router/router.js';
import {localRouteId} from '../router/route.js';
import {blockedText, moveTarget, whyBlocked, type Blocked} from './aim.js';
import {editLine, emptyLine, type LineState} from './line-editor.js';
import type {RouteRecords} from './route-records.js';
import type {NoticeLevel} from './snapshot.js';

export interface TypedInputHooks {
	notice(level: NoticeLevel, text: string): void;
	/** The run ended by itself: nothing can be sent any more. */
	ended(): boolean;
	/** Where typed bytes enter the session (through shaping); the router itself when absent. */
	sendLocal?: (data: Buffer) => void;
}

export class TypedInput {
	aim: LocalTarget;
	line: LineState = emptyLine;

	constructor(
		private readonly router: Router,
		private readonly routes: RouteRecords,
		private readonly crlf: boolean,
		private readonly hooks: TypedInputHooks,
	) {
		this.aim = router.localTarget;
	}

	selectBy(delta: number): void {
		this.aim = moveTarget(this.aim, this.routes.liveIds(), delta);
		this.router.setLocalTarget(this.aim);
	}

	/** Aims at a target directly (the list's page keys, jump to #N). */
	aimAt(target: LocalTarget): void {
		this.aim = target;
		this.router.setLocalTarget(target);
	}

	blocked(): Blocked | undefined {
		return whyBlocked(this.aim, this.aim === 'all' ? undefined : this.routes.get(this.aim), this.hooks.ended());
	}

	/** Line mode: a key for the line editor; false when nothing changed. */
	edit(key: Buffer): boolean {
		const next = editLine(this.line, key);
		if (next === this.line) return false;
		this.line = next;
		return true;
	}

	/** Line mode Enter: the line plus the line end the user chose (-C); kept when it cannot go. */
	submit(): void {
		if (this.refuse()) return;
		const text = this.line.value;
		this.line = emptyLine;
		this.send(Buffer.from(text + (this.crlf ? '\r\n' : '\n')));
	}

	/** Keystroke mode: one key to the target, unless it cannot take it. */
	key(data: Buffer): void {
		if (!this.refuse()) this.send(data);
	}

	/** Local input to the current target, through the router like any other source. */
	send(data: Buffer): void {
		if (data.length === 0) return;
		if (this.hooks.sendLocal) this.hooks.sendLocal(data);
		else this.router.receive({routeId: localRouteId, data});
	}

	/** Ctrl-K: abort the aimed peer. */
	disconnect(): void {
		const target = this.aim;
		if (target === 'all') return this.hooks.notice('warning', 'Select one peer with Up/Down first; Ctrl-K closes the selected peer');
		if (!this.router.route(target)) return this.hooks.notice('warning', `#${target} is already gone`);
		this.routes.closingByUser(target);
		this.hooks.notice('info', `Closing #${target}`);
		this.router.closeRoute(target);
	}

	/** Ctrl-D: half-close the aimed peer, or every peer (our FIN); their later bytes still arrive. */
	halfClose(): void {
		const blocked = this.blocked();
		if (blocked) return this.hooks.notice('warning', `${blockedText(this.aim, blocked)}: nothing to half-close`);
		const ids = this.aim === 'all' ? this.router.peers().map(peer => peer.id) : [this.aim];
		if (ids.length === 0) return this.hooks.notice('warning', 'No peer to half-close');
		for (const id of ids) {
			this.routes.weEnded(id);
			this.router.endRoute(id);
		}
		this.hooks.notice('info', `Half-closed ${ids.map(id => `#${id}`).join(', ')} (sent FIN; what they send still arrives)`);
	}

	/** A notice instead of sending when the target cannot take input; true when refused. */
	private refuse(): boolean {
		const blocked = this.blocked();
		if (!blocked) return false;
		const move = this.hooks.ended() ? 'q quits' : 'Up/Down picks another target';
		this.hooks.notice('warning', `Not sent: ${blockedText(this.aim, blocked)} (${move})`);
		return true;
	}
}
