// -q SECONDS and --exit-after-input (= -q 0): when the run ends after local input ended.
//
// | flags                | after local input ended (and, in mode none, the peers got their FIN)  |
// |----------------------|------------------------------------------------------------------------|
// | neither              | wait for the peers to close (with -L: keep serving)                    |
// | -q N                 | wait at most N s for the peers to close, then exit 0 (Debian nc -q)    |
// | --exit-after-input   | the same with N = 0: exit once everything was written out              |
// | peers still sending  | what they send keeps going to the output until the exit                |
// | before the exit      | every TCP peer must have acknowledged what we wrote (or be gone):      |
// |                      | closing while a peer sends makes the kernel reset the connection and   |
// |                      | drop our unsent bytes. A peer whose queue makes no progress for 5 s is |
// |                      | given up with a warning, so the exit never hangs.                      |
import type {Route} from '../router/route.js';

const pollMs = 20;
const stallLimitMs = 5000;

export interface QuitHost {
	peers(): readonly Route[];
	warn(text: string): void;
	stop(): void;
}

/** Call once the FINs went out (everything handed to the kernel); ends the run after delayMs. */
export function quitAfterInput(delayMs: number, host: QuitHost): void {
	setTimeout(() => void exitWhenDelivered(host), delayMs);
}

async function exitWhenDelivered(host: QuitHost): Promise<void> {
	const progress = new Map<Route, {unacked: number; since: number}>();
	const givenUp = new Set<Route>();
	for (;;) {
		let waiting = false;
		for (const route of host.peers()) {
			if (givenUp.has(route)) continue;
			const unacked = (await route.unacked?.()) ?? 0;
			if (unacked === 0) continue;
			const now = performance.now();
			const last = progress.get(route);
			if (!last || unacked < last.unacked) progress.set(route, {unacked, since: now});
			else if (now - last.since > stallLimitMs) {
				givenUp.add(route);
				host.warn(`${route.peer} has not acknowledged ${unacked} byte(s) for ${stallLimitMs / 1000} s; exiting anyway`);
				continue;
			}
			waiting = true;
		}
		if (!waiting) break;
		await new Promise(resolve => setTimeout(resolve, pollMs));
	}
	host.stop();
}
