// -w SECONDS: how long one connect attempt may take before it counts as failed.
//
// | situation                                   | without -w                  | with -w N                           |
// |---------------------------------------------|-----------------------------|-------------------------------------|
// | SYN answered (accepted or refused)          | at once                     | at once                             |
// | SYNs dropped (firewall, full accept queue)  | the OS gives up (~2 min)    | attempt fails after N s             |
// | a name with several addresses               | each tried in turn          | each address gets its own N s       |
// | every address timed out                     | -                           | `cannot connect to HOST:PORT: timed |
// |                                             |                             | out after N s`; exit 1 if no target |
// |                                             |                             | connected                           |
// | with -R (or -r after a first connect)       | retried with the backoff    | a timeout is a failed attempt: the  |
// |                                             |                             | same retries                        |
import type net from 'node:net';

export class ConnectTimeoutError extends Error {
	constructor(timeoutMs: number) {
		super(`timed out after ${timeoutMs / 1000} s`);
	}
}

/** Fails the attempt (destroying its socket) unless it connected within timeoutMs. */
export function limitConnect(socket: net.Socket, timeoutMs: number | undefined, fail: (error: Error) => void): void {
	if (timeoutMs === undefined) return;
	const timer = setTimeout(() => {
		socket.destroy();
		fail(new ConnectTimeoutError(timeoutMs));
	}, timeoutMs);
	const clear = () => clearTimeout(timer);
	socket.once('connect', clear);
	socket.once('close', clear);
}
