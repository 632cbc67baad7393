// The connection list's cursor: "All peers", a route, or a listener row, in the order the list
// shows them (listeners last, connection-rows.ts). A route or "All peers" is also where typed input goes (aim.ts); a listener row only
// offers its own keys (close it, change its -m), and typed input is refused while it is selected.
import type {LocalTarget} from '../router/forwarding.js';
import type {RouteId} from '../router/route.js';

export type ListSelection = LocalTarget | {listener: string};

export function isListenerSelection(selection: ListSelection): selection is {listener: string} {
	return typeof selection === 'object';
}

/**
 * The row `delta` steps away among `All peers`, the live routes (a route that left keeps its place
 * by id, as in aim.ts) and the listeners, clamped at the ends. A listener that is gone counts as
 * the first listener's place.
 */
export function moveSelection(
	current: ListSelection,
	listeners: readonly string[],
	live: readonly RouteId[],
	delta: number,
): ListSelection {
	const gone = typeof current === 'number' && !live.includes(current);
	const ids = gone ? [...live, current].sort((a, b) => a - b) : live;
	const choices: ListSelection[] = ['all', ...ids, ...listeners.map(listener => ({listener}))];
	const index = isListenerSelection(current)
		? 1 + ids.length + Math.max(0, listeners.indexOf(current.listener))
		: Math.max(0, choices.indexOf(current));
	return choices[Math.min(choices.length - 1, Math.max(0, index + delta))]!;
}
