// -r / -R: whether a target is connected again after its connection (or an attempt) ended.
//
// | how it ended                           | connected before? | -r  | -R  | result                  |
// |----------------------------------------|-------------------|-----|-----|-------------------------|
// | closed gracefully (FIN)                | yes               | yes | any | reconnect               |
// | closed gracefully (FIN)                | yes               | no  | any | done                    |
// | lost (reset, error)                    | yes               | any | yes | reconnect               |
// | lost (reset, error)                    | yes               | yes | no  | done                    |
// | attempt failed (refused, timeout, DNS) | no (first try)    | any | yes | retry                   |
// | attempt failed (refused, timeout, DNS) | no (first try)    | yes | no  | done, error (exit 1)    |
// | attempt failed (refused, timeout, DNS) | yes (a reconnect) | yes | any | retry: a server restart |
// | attempt failed (refused, timeout, DNS) | yes (a reconnect) | no  | yes | retry                   |
//
// -r is about a server that goes away and comes back: once the target has been connected, a
// refused or timed-out reconnect is the server still restarting, so it is retried with the
// backoff. A first connect that fails is most likely a wrong address, so -r alone gives up then
// (as nc would); -R retries that too. Only -R reconnects after an established connection breaks.
export type Ending = 'closed' | 'lost' | 'attempt-failed';

export interface ReconnectFlags {
	reconnectOnClose: boolean;
	reconnectOnError: boolean;
}

export function shouldReconnect(ending: Ending, connectedBefore: boolean, flags: ReconnectFlags): boolean {
	switch (ending) {
		case 'closed':
			return flags.reconnectOnClose;
		case 'lost':
			return flags.reconnectOnError;
		case 'attempt-failed':
			return flags.reconnectOnError || (flags.reconnectOnClose && connectedBefore);
	}
}
