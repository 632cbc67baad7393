// Follow one peer: the log shows only the traffic the selected peer sent or got, and the notices
// that name it (`#3 ...`). Pure.
import type {LocalTarget} from '../router/forwarding.js';
import type {LogEntry} from './snapshot.js';

/** Which entries the log shows while following `target`; undefined: all of them. */
export function followFilter(target: LocalTarget): ((entry: LogEntry) => boolean) | undefined {
	if (target === 'all') return undefined;
	const named = new RegExp(`#${target}(?!\\d)`);
	return entry => (entry.kind === 'traffic' ? entry.source === target || entry.destinations.includes(target) : named.test(entry.text));
}
