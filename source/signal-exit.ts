// Signals end a plain run within a second, whatever the output does (issue 18). The session stops
// at once; the process then exits without waiting for stdout to take what is still queued, since
// a stalled reader (a full pipe or fifo) may never take it. Bytes already written stay written;
// queued ones are dropped, as nc, ncat and socat drop theirs when a signal kills them.
import type {Session} from './session.js';

const signalCodes: Array<[NodeJS.Signals, number]> = [
	['SIGINT', 130],
	['SIGTERM', 143],
	['SIGHUP', 129],
];

/** How long a signal lets the session finish (an -e child, see exec-input.ts) before exiting anyway. */
export const signalDeadlineMs = 800;

export function exitOnSignals(session: Pick<Session, 'stop' | 'done'>): void {
	for (const [signal, code] of signalCodes) {
		process.on(signal, () => {
			session.stop(code);
			void session.done.then(() => process.exit(code));
			setTimeout(() => process.exit(code), signalDeadlineMs);
		});
	}
}
