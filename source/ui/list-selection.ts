// The connection list's cursor: "All peers", a listener row, or a route, in the order the list
// shows them. A route or "All peers" is also where typed input goes (aim.ts); a listener row only
// offers its own keys (close it, change its -m), and typed input is refused while it is selected.
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId} from '../router/route.js';

export type ListSelection = LocalTarget | {listener: string};

export function isListenerSelection(selection: ListSelection): selection is {listener: string} {
	return typeof selection === 'object';
}

/**
 * The row `delta` steps away among `All peers`, the listeners and the live routes (a route that left
 * keeps its place by id, as in aim.ts), clamped at the ends. A listener that is gone counts as
 * `All peers`.
 */
export function moveSelection(
	current: ListSelection,
	listeners: readonly string[],
	live: readonly RouteId[],
	delta: number,
): ListSelection {
	const gone = typeof current === 'number' && !live.includes(current);
	const ids = gone ? [...live, current].sort((a, b) => a - b) : live;
	const choices: ListSelection[] = ['all', ...listeners.map(listener => ({listener})), ...ids];
	const index = Math.max(0, isListenerSelection(current) ? listeners.indexOf(current.listener) + 1 : choices.indexOf(current));
	return choices[Math.min(choices.length - 1, Math.max(0, index + delta))]!;
}
