// Where typed input is aimed. The aim moves only when the user moves it: a peer that leaves keeps
// it (shown as gone, sending refused), so a half-typed line never widens to every peer. Pure.
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId} from '../router/route.js';
import type {RouteRecord} from './connection-rows.js';

/**
 * The target `delta` steps away among `All peers`, the live routes and a target that left (kept in
 * its place by id, so Up/Down move away from it as from a live one), clamped at the ends.
 */
export function moveTarget(current: LocalTarget, live: readonly RouteId[], delta: number): LocalTarget {
	const ids = current !== 'all' && !live.includes(current) ? [...live, current].sort((a, b) => a - b) : live;
	const choices: LocalTarget[] = ['all', ...ids];
	const index = Math.max(0, choices.indexOf(current));
	return choices[Math.min(choices.length - 1, Math.max(0, index + delta))]!;
}

export type Blocked = 'gone' | 'half-closed' | 'ended';

/** Why typed input cannot go to the target now, or undefined when it can. */
export function whyBlocked(target: LocalTarget, record: RouteRecord | undefined, sessionEnded: boolean): Blocked | undefined {
	if (sessionEnded) return 'ended';
	if (target === 'all') return undefined;
	if (!record || record.closed) return 'gone';
	if (record.weEnded) return 'half-closed';
	return undefined;
}

export function blockedText(target: LocalTarget, blocked: Blocked): string {
	const name = target === 'all' ? 'All peers' : `#${target}`;
	if (blocked === 'ended') return 'the session ended';
	return blocked === 'gone' ? `${name} is gone` : `${name} is half-closed (Ctrl-D)`;
}
