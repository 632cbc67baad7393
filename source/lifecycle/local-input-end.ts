// What the end of local input (stdin at end of file, the -e command exiting, Ctrl-D) does to peers.
//
// | forwarding mode                  | peers when local input ends                                 |
// |----------------------------------|-------------------------------------------------------------|
// | none                             | every peer is half-closed (FIN): local input was all they   |
// |                                  | got from us; they may still answer                          |
// | hub, channels, linger-channels   | nothing: peers feed each other, and stdin at end of file    |
// |                                  | (`</dev/null`, cron, systemd, a closed stdin) must not end  |
// |                                  | or redirect their traffic                                   |
//
// Either way --exit-after-input / -q then decide when the run ends (see quit-after-input.ts).
import type {ForwardingMode} from '../options.js';

export function peersToHalfClose<T>(mode: ForwardingMode, peers: readonly T[]): readonly T[] {
	return mode === 'none' ? peers : [];
}
