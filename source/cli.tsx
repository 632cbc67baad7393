#!/usr/bin/env node
// Entry point: meow parses the flags, options.ts validates them, and the UI or the plain runner
// runs the session. The only place that exits the process.
import meow from 'meow';
import {RuntimeError} from './errors.js';
import {flagDefinitions, parseOptions, UsageError, type Options} from './options.js';
import {runPlain} from './plain.js';
import {repeatedFlagMessage} from './repeated-flag.js';
import {probeTargets} from './net/probe.js';

const help = `
  Usage
    $ netcrab-tui [options] [SRC=]HOST:PORT[xN] ...
    $ netcrab-tui [options] -l|-L ADDRESS ...

  On a terminal it runs full screen (F1 there lists the keys); without a terminal
  on stdin and stdout, or with --no-tui, it behaves like netcat in a pipe.

  Addresses (-l/-L)
    HOST:PORT, [v6]:PORT   one host or address
    :PORT                  every address of every local interface
    *:PORT                 0.0.0.0 and [::]
    *                      0.0.0.0 and [::], ports chosen by the OS
  Targets
    HOST:PORT              connect to HOST (every resolved address tried in order)
    HOST:PORTxN            open N connections
    SRC=HOST:PORT          bind to SRC (HOST[:PORT]) before connecting

  Connections
    -l ADDRESS             listen, exit when the first client disconnects (repeatable)
    -L ADDRESS             listen and keep listening (repeatable)
    -m N                   max concurrent clients per listening address
                           (default 1; 10 with -f hub/channels/linger-channels);
                           with -u, max peers remembered per socket (default 1000)
    --keepalive SECONDS    TCP keepalive idle time (default 60; 0: off)
    -r, --reconnect        reconnect a target after it closes gracefully
    -R, --reconnect-on-error
                           reconnect a target after an error (incl. a failed connect)
    -z, --zero             connect to each target and close; exit 0 if all accepted
    -4, --ipv4 / -6, --ipv6
                           only IPv4 / only IPv6 addresses

  UDP
    -u, --udp              UDP instead of TCP: -L binds sockets, targets get datagrams;
                           a peer is a route from its first datagram until disconnected
    -b, --broadcast        allow sending to broadcast addresses
    --mc                   join the multicast group named by the target (SRC= picks
                           the interface) and send to it
    --mc-no-loop           do not loop own multicast back to this host
    --ttl N                TTL (hop limit) of unicast and multicast datagrams
    --sb N / --rb N        socket send / receive buffer size (bytes)
    --udp-peer-idle SECONDS
                           forget a peer silent this long (default 60; 0: never)

  Routing
    -f, --fm MODE          forwarding between peers: none (default), hub (h),
                           channels (c), linger-channels (lc)
    --fork                 with -l/-L and one target: dial the target again for
                           each client, paired with it (implies -f channels)

  Local input and output
    -i, --input MODE       stdin (keystrokes on a terminal, default), stdin-nochar
                           (lines), echo (send back what each peer sends), none,
                           rand (random payloads), fixed (one buffer sent forever),
                           pfqoscli / pfqossrv (PlayFab QoS beacons, with -u)
    -o, --output MODE      stdout (default), none (count and discard)
    -e, --exec CMD         run CMD through the shell as the local IO: its stdout is
                           sent to peers, what peers send goes to its stdin
    --exec-each CMD        run CMD through the shell for each peer: the peer's bytes
                           go to its stdin, its stdout back to that peer only
                           (implies -f channels); env NETCRAB_PEER_ADDR etc.
    --exec-stderr          with --exec-each: the child's stderr goes to its peer
    --ss N                 largest chunk of local input sent at once (bytes); with -u
                           the datagram size (default and most 65507); with -i fixed
                           the buffer size (default 16384, with -u 1450)
    --rsizemin N, --rsizemax N
                           -i rand payload sizes (default 1 and 1450)
    --rvals binary|ascii   -i rand/fixed contents (ascii: printable characters)
    --exit-after-input     exit once local input ended and was sent
    -C, --crlf             Enter sends \\r\\n instead of \\n
    --no-tui               plain mode even on a terminal
    --scrollback N         traffic log entries kept by the UI (default 10000)
    -v, --verbose          more status lines (closes, connect attempts)
    --stats                print traffic sent and received, with rates, every interval
    --stats-time MS        the --stats interval, and the pfqoscli beacon interval
                           (default 1000)

  Capture
    --capture FILE         write what passes (both ways, every peer) to FILE as pcapng
                           for Wireshark and tshark; TLS routes as their plaintext
    --hex-dump FILE        the same as an ncat -x style hex dump
    --capture-max SIZE     stop capturing when a file reaches SIZE (1000, 64k, 10M, 1G)

  Shaping (test knobs)
    --sdmin MS, --sdmax MS delay each local send by a random time in the range
    --rdmin MS, --rdmax MS delay each received chunk the same way (order is kept)
    --sdrop P, --rdrop P   drop a local send / a received chunk with probability P (0..1)

  -h, --help / --version

  Examples
    $ netcrab-tui -L 127.0.0.1:5000
    $ netcrab-tui example.com:80 < request.txt
    $ netcrab-tui -L '*:5000' --fork 127.0.0.2:6000
    $ netcrab-tui -i fixed --stats 127.0.0.1:5000
    $ netcrab-tui -L 127.0.0.1:5000 -m 50 --exec-each 'read l; echo "got $l"'
    $ netcrab-tui -u -L '*:5000' -i echo
`;

function fail(text: string, code: number): never {
	process.stderr.write(`netcrab-tui: ${text}\n`);
	process.exit(code);
}

async function main(): Promise<number> {
	let options: Options;
	try {
		const cli = meow(help, {
			importMeta: import.meta,
			flags: flagDefinitions,
			allowUnknownFlags: true,
			helpIndent: 0,
		});
		options = parseOptions(cli.flags as Record<string, unknown>, cli.input);
	} catch (error) {
		if (error instanceof UsageError) fail(`${error.message} (see --help)`, 2);
		const repeated = repeatedFlagMessage(error, process.argv.slice(2));
		if (repeated) fail(`${repeated} (see --help)`, 2);
		throw error;
	}
	if (options.zeroIo) {
		return probeTargets(options, (level, text) => process.stderr.write(level === 'error' ? `netcrab-tui: ${text}\n` : `${text}\n`));
	}
	if (wantsUi(options)) {
		// React's development build (the default without NODE_ENV) renders several times slower and
		// records every render in the performance timeline: under a flood that cost frames and memory.
		process.env['NODE_ENV'] ??= 'production';
		// Imported only here, so pipes and scripts never load Ink and React.
		const {runUi} = await import('./ui/run-ui.js');
		return runUi(options);
	}
	return runPlain(options);
}

/** The full-screen UI runs on a terminal with keyboard input, unless --no-tui. */
function wantsUi(options: Options): boolean {
	return (
		options.tui &&
		process.stdin.isTTY === true &&
		process.stdout.isTTY === true &&
		options.exec === undefined &&
		(options.inputMode === 'stdin' || options.inputMode === 'stdin-nochar')
	);
}

main().then(
	code => {
		process.exitCode = code;
		// Open handles (stdin, timers) must not keep a finished run alive, but every byte already
		// written to stdout must leave first: the callback runs once earlier writes are flushed.
		if (process.stdout.destroyed) process.exit(code);
		process.stdout.write('', () => process.exit(code));
	},
	error => {
		if (error instanceof RuntimeError) fail(error.message, 1);
		fail(`internal error: ${error instanceof Error ? error.message : String(error)}`, 1);
	},
);
