// A connection the peer reset (RST) is a failure, not a normal end (issue 18). ncat prints
// "Connection reset by peer" and exits 1; nc -N and socat also exit 1. So a route removed with a
// reset is always said in one line (plain mode), and when its removal ends the run the exit
// status is 1 instead of 0.
export function isReset(error: Error | undefined): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
}

/** The exit status when the removal of a route ends the run. */
export function statusAfterRemoval(error: Error | undefined): number {
	return isReset(error) ? 1 : 0;
}
