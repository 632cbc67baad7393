// Ending a child started with `detached: true` (its own process group), so that what it started
// (`sh -c 'a | b'`, a background job) ends with it. SIGTERM first; whatever is still in the group
// after a grace period gets SIGKILL, so no child outlives the run and none is left half-dead.

/** How long a process group may take to exit after SIGTERM before it gets SIGKILL. */
export const terminateGraceMs = 2000;
const pollMs = 25;

/** Sends a signal to a whole group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

/**
 * Groups sent SIGTERM and not gone yet. A signal ends the run within a second (signal-exit.ts),
 * sooner than the grace: when this process exits first, they get SIGKILL then.
 */
const terminating = new Set<number>();
let killOnExitInstalled = false;

function killTerminatingGroups(): void {
	for (const pgid of terminating) signalGroup(pgid, 'SIGKILL');
}

/**
 * SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. Resolves once the group
 * is empty (or was sent SIGKILL). The poll is a wait for a condition the kernel does not announce:
 * a grandchild's exit is not reported to us.
 */
export function terminateGroup(pgid: number, graceMs = terminateGraceMs): Promise<void> {
	if (!signalGroup(pgid, 'SIGTERM')) return Promise.resolve();
	const deadline = performance.now() + graceMs;
	terminating.add(pgid);
	if (!killOnExitInstalled) {
		killOnExitInstalled = true;
		process.on('exit', killTerminatingGroups);
	}
	return new Promise(done => {
		const resolve = () => {
			terminating.delete(pgid);
			done();
		};
		const check = () => {
			if (!signalGroup(pgid, 0)) {
				resolve();
				return;
			}
			if (performance.now() >= deadline) {
				signalGroup(pgid, 'SIGKILL');
				resolve();
				return;
			}
			setTimeout(check, pollMs);
		};
		setTimeout(check, pollMs);
	});
}
