// Waiting on state that events change, without fixed sleeps: whoever changes the state calls
// notify(), and until() re-checks. The one wait mechanism every test helper uses.
export interface UntilOptions {
	timeoutMs?: number;
	/** Why waiting is pointless now (the process exited, ...), or undefined to keep waiting. */
	failed?: () => string | undefined;
	/** Extra words for a failure or time-out message (what was seen so far). */
	seen?: () => string;
}

export class Condition {
	private readonly waiters = new Set<() => void>();

	/** Something changed: every pending until() checks again. */
	notify(): void {
		for (const waiter of [...this.waiters]) waiter();
	}

	/** Resolves with check()'s first defined result; rejects on failed() or after the time-out. */
	until<T>(check: () => T | undefined, what: string, {timeoutMs = 10_000, failed, seen}: UntilOptions = {}): Promise<T> {
		const seenText = () => (seen ? `; ${seen()}` : '');
		return new Promise((resolve, reject) => {
			const finish = (settle: () => void) => {
				clearTimeout(timer);
				this.waiters.delete(attempt);
				settle();
			};
			const attempt = () => {
				const result = check();
				if (result !== undefined) return finish(() => resolve(result));
				const failure = failed?.();
				if (failure !== undefined) finish(() => reject(new Error(`${failure} before ${what}${seenText()}`)));
			};
			const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}${seenText()}`))), timeoutMs);
			this.waiters.add(attempt);
			attempt();
		});
	}
}
