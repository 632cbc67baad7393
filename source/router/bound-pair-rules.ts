// How a bound pair ends. A bound pair is made by --fork (a client and the upstream connection
// dialled for it) or --exec-each (a peer and the child process started for it): the two exist
// for each other, so each lives and dies by its partner, whatever the forwarding mode.
//
// | event on one side                  | what its partner gets                                   |
// |------------------------------------|---------------------------------------------------------|
// | FIN (peer ended; child's stdout    | a half-close (FIN; the child's stdin is closed); the    |
// |   closed)                          |   side that ended stays open for what is still coming   |
// | closed cleanly (socket closed,     | a half-close once its queue is written out, then it is  |
// |   child exited)                    |   closed: nobody is left to talk to, nothing lingers    |
// | closed with an error (reset,       | closed at once (aborted), as channels do                |
// |   dial failed, spawn failed)       |                                                         |
// | local input ended (stdin EOF)      | nothing: the pair is not ended by local input, as       |
// |                                    |   socat fork and ncat -k do not stop a client for it   |
// | partner leaves in linger-channels  | no re-pairing with another route: the pair was one      |
import type {Route} from './route.js';

/** One side of a bound pair finished sending: pass the FIN on. */
export function passFinToBoundPartner(partner: Route): void {
	partner.end();
}

/** One side of a bound pair left: its partner goes too. */
export function closeBoundPartner(partner: Route, error: Error | undefined): void {
	if (error) {
		partner.destroy();
		return;
	}
	partner.end(() => partner.destroy());
}

/** Whether local input ending half-closes this route. */
export function endsWithLocalInput(boundPartner: number | undefined): boolean {
	return boundPartner === undefined;
}
