#!/usr/bin/env node
// Entry point: meow parses the flags, options.ts validates them, and the UI or the plain runner
// runs the session. The only place that exits the process.
import meow from 'meow';
import {RuntimeError} from './errors.js';
import {flagDefinitions, parseOptions, UsageError, type Options} from './options.js';
import {runPlain} from './plain.js';
import {probeTargets} from './session.js';

const help = `
  Usage
    $ netcrab-tui [options] [SRC=]HOST:PORT[xN] ...
    $ netcrab-tui [options] -l|-L ADDRESS ...

  A TCP/UDP client, server and traffic router with a full-screen terminal UI.
  Without a terminal on stdin and stdout it behaves like netcat in a pipe.

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
                           (default 1; 10 with -f hub/channels/linger-channels)
    -r, --reconnect        reconnect a target after it closes gracefully
    -R, --reconnect-on-error
                           reconnect a target after an error (incl. a failed connect)
    -z, --zero             connect to each target and close; exit 0 if all accepted
    -4, --ipv4 / -6, --ipv6
                           only IPv4 / only IPv6 addresses

  Routing
    -f, --fm MODE          forwarding between peers: none (default), hub (h),
                           channels (c), linger-channels (lc)

  Local input and output
    -i, --input MODE       stdin (keystrokes on a terminal, default), stdin-nochar
                           (lines), echo (send back what each peer sends), none,
                           rand (random payloads), fixed (one buffer sent forever)
    -o, --output MODE      stdout (default), none (count and discard)
    -e, --exec CMD         run CMD through the shell as the local IO: its stdout is
                           sent to peers, what peers send goes to its stdin
    --ss N                 largest chunk of local input sent at once (bytes); with
                           -i fixed the buffer size (default 16384)
    --rsizemin N, --rsizemax N
                           -i rand payload sizes (default 1 and 1450)
    --rvals binary|ascii   -i rand/fixed contents (ascii: printable characters)
    --exit-after-input     exit once local input ended and was sent
    -C, --crlf             Enter sends \\r\\n instead of \\n
    --no-tui               plain mode even on a terminal
    --scrollback N         traffic log entries kept by the UI (default 10000)
    -v, --verbose          more status lines (closes, connect attempts)
    --stats                print traffic sent and received, with rates, every interval
    --stats-time MS        the --stats interval (default 1000)

  Shaping (test knobs)
    --sdmin MS, --sdmax MS delay each local send by a random time in the range
    --rdmin MS, --rdmax MS delay each received chunk the same way (order is kept)
    --sdrop P, --rdrop P   drop a local send / a received chunk with probability P (0..1)

  Recognised, arriving soon (refused with "not supported yet")
    -u, -b, --mc, --mc-no-loop, --ttl, --sb, --rb, -i pfqoscli|pfqossrv

  Examples
    $ netcrab-tui -L 127.0.0.1:5000
    $ netcrab-tui example.com:80 < request.txt
    $ netcrab-tui -L '*:5000' -f channels 127.0.0.2:6000
    $ netcrab-tui -i fixed --stats 127.0.0.1:5000
    $ netcrab-tui -L 127.0.0.1:5000 -e 'tr a-z A-Z'
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
		throw error;
	}
	if (options.zeroIo) {
		return probeTargets(options, (level, text) => process.stderr.write(level === 'error' ? `netcrab-tui: ${text}\n` : `${text}\n`));
	}
	return runPlain(options);
}

main().then(
	code => {
		process.exitCode = code;
		// Open handles (stdin, timers) must not keep a finished run alive.
		setImmediate(() => process.exit(code));
	},
	error => {
		if (error instanceof RuntimeError) fail(error.message, 1);
		fail(`internal error: ${error instanceof Error ? error.message : String(error)}`, 1);
	},
);
