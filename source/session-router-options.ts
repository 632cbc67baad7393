// How a run's Options set up its router: mode, echo, and whether local input may still send after
// a peer half-closed.
import type {Options} from './options.js';
import type {RouterOptions} from './router/router.js';
import type {SessionIo} from './session.js';

export function routerOptions(options: Options, io: SessionIo): RouterOptions {
	return {
		mode: options.forwarding,
		pairSameHost: options.pairSameHost,
		// The pfqos server answers each request to its sender, like echo.
		echo: options.inputMode === 'echo' || options.inputMode === 'pfqossrv',
		// Inputs that may still send after a peer half-closed. Piped input may still hold
		// bytes for a peer that half-closed; a person at a keyboard does not, so then a peer's
		// FIN closes the connection as in netcat. With -r a FIN means "reconnect", so it closes too.
		localInputOpen:
			options.exec !== undefined ||
			['rand', 'fixed', 'pfqoscli'].includes(options.inputMode) ||
			((options.inputMode === 'stdin' || options.inputMode === 'stdin-nochar') &&
				io.readStdin &&
				!io.stdin.isTTY &&
				!options.reconnectOnClose),
		halfCloseWaitMs: options.halfCloseWaitMs,
	};
}
