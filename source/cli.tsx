#!/usr/bin/env node
// Entry point: command-line.ts parses the flags, options.ts validates them, and the UI or the plain runner
// runs the session. The only place that exits the process.
import {RuntimeError} from './errors.js';
import {parseCommandLine, RepeatedFlagError} from './command-line.js';
import {helpRequest} from './help-request.js';
import {flagDefinitions, parseOptions, UsageError, type Options} from './options.js';
import {packageInfo} from './package-info.js';
import {runPlain} from './plain.js';
import {probeTargets} from './net/probe.js';
import {fullScreenUnsupported} from './terminal-support.js';

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
    unix:/PATH, unix:@NAME Unix stream socket (@: Linux abstract name)
  Targets
    HOST:PORT              connect to HOST (every resolved address tried in order)
    HOST:PORTxN            open N connections
    SRC=HOST:PORT          bind to SRC (HOST[:PORT]) before connecting
    unix:/PATH             connect to a Unix stream socket
  Any address may start with a scheme: tcp:, udp: or tls: (TLS over TCP).

  Connections
    -l, --listen-once ADDRESS
                           listen; exit when the first client disconnects
                           (repeatable)
    -L, --listen ADDRESS   listen and keep listening (repeatable)
    -m, --max-clients N    max concurrent clients per listening address
                           (default 1; 10 in the UI or with -f hub/channels/...);
                           with -u, max peers remembered per socket (default 1000)
    --keepalive SECONDS    TCP keepalive idle time (default 60; 0: off)
    -r, --reconnect        reconnect a target after it closes gracefully
    -R, --reconnect-on-error
                           reconnect a target after an error (including a
                           failed first connect)
    -z, --zero             connect to each target and close; exit 0 if all
                           accepted
    -w, --connect-timeout SECONDS
                           fail a connect attempt (each address) after SECONDS
    -4, --ipv4 / -6, --ipv6
                           only IPv4 / only IPv6 addresses
    -U, --unix             addresses without a scheme are Unix socket paths

  Proxy (every TCP and TLS target goes through it)
    --proxy HOST:PORT      the proxy to connect through
    --proxy-type TYPE      socks5 (default), socks4, http (HTTP CONNECT)
    --proxy-auth USER:PASS SOCKS5 user/password or HTTP Basic (SOCKS4: USER)
    --proxy-dns remote|local
                           who resolves target names (default remote: the proxy)

  Access control (listeners; deny wins over allow)
    --allow SPEC           only these sources get in (repeatable); SPEC is an
                           address, a CIDR block (v4 or v6) or a host name
    --deny SPEC            turn these sources away (repeatable)
    --allowfile FILE, --denyfile FILE
                           SPECs from FILE, one a line (# comments)

  UDP
    -u, --udp              UDP instead of TCP: -L binds sockets, targets get
                           datagrams; a peer is a route from its first datagram
                           until disconnected
    -b, --broadcast        allow sending to broadcast addresses
    --mc                   join the multicast group named by the target (SRC=
                           picks the interface) and send to it
    --mc-no-loop           do not loop own multicast back to this host
    --ttl N                TTL (hop limit) of unicast and multicast datagrams
    --sb N / --rb N        socket send / receive buffer size (bytes)
    --udp-peer-idle SECONDS
                           forget a peer silent this long (default 60; 0: never)

  TLS (endpoints written tls:HOST:PORT, or every TCP endpoint with --tls)
    --tls, --ssl           endpoints without a scheme use TLS (tcp: stays plain)
    --tls-cert FILE        PEM certificate of TLS listeners, or the client
    --tls-key FILE           certificate of TLS targets; a listener without one
                           makes a self-signed certificate and prints its SHA256
    --tls-ca FILE          PEM CAs: added to Node's CAs to check servers; the CAs
                           of client certificates with --tls-verify
    --tls-verify           TLS listeners require a client certificate (--tls-ca)
    --tls-insecure         do not verify server certificates (warns)
    --tls-servername NAME  SNI and the name to check (default: the target host)
    --alpn LIST            ALPN protocols to offer/accept, comma-separated

  Routing
    -f, --fm MODE          forwarding between peers: none (default), hub (h),
                           channels (c), linger-channels (lc)
    --fork                 with -l/-L and one target: dial the target again for
                           each client, paired with it (implies -f channels)
    --pair-same-host       channels may pair two peers of one host

  Local input and output
    -i, --input MODE       stdin (keystrokes on a terminal, default),
                           stdin-nochar (lines), echo (send back what each peer
                           sends), none, rand (random payloads), fixed (one
                           buffer sent forever), pfqoscli / pfqossrv (PlayFab
                           QoS beacons, with -u)
    -o, --output MODE      stdout (default), none (count and discard)
    -e, --exec CMD         run CMD through the shell as the local IO: its stdout
                           is sent to peers, what peers send goes to its stdin
    --exec-each CMD        run CMD through the shell for each peer: the peer's
                           bytes go to its stdin, its stdout back to that peer
                           only (implies -f channels); env NETCRAB_PEER_ADDR etc.
    --exec-stderr          with --exec-each: the child's stderr goes to its peer
    --ss N                 largest chunk of local input sent at once (bytes);
                           with -u the datagram size (default and most 65507);
                           with -i fixed the buffer size (default 16384, with
                           -u 1450)
    --rsizemin N, --rsizemax N
                           -i rand payload sizes (default 1 and 1450)
    --rvals binary|ascii   -i rand/fixed contents (ascii: printable characters)
    --exit-after-input     exit once local input ended and was sent
    -q, --quit-after SECONDS
                           once local input ended, wait at most SECONDS for the
                           peers to close, then exit (like Debian nc -q)
    --half-close-wait SECONDS
                           after a peer's FIN, keep sending piped input until it
                           is quiet this long, then close (default 0.5; 0: close
                           at the FIN; inf: when input ends)
    --idle-timeout SECONDS close a peer that sent and received nothing that long
    -C, --crlf             Enter sends \\r\\n instead of \\n
    --no-tui               plain mode even on a terminal
    --scrollback N         traffic log entries kept by the UI (default 10000)
    -v, --verbose          more status lines (closes, connect attempts)
    --stats                print traffic sent and received, with rates, every
                           interval
    --stats-time MS        the --stats interval, and the pfqoscli beacon interval
                           (default 1000)

  Capture
    --capture FILE         write what passes (both ways, every peer) to FILE as
                           pcapng for Wireshark and tshark; TLS routes as their
                           plaintext
    --hex-dump FILE        the same as an ncat -x style hex dump
    --capture-max SIZE     stop capturing when a file reaches SIZE (1000, 64k,
                           10M, 1G)

  Shaping (test knobs)
    --sdmin MS, --sdmax MS delay each local send by a random time in the range
    --rdmin MS, --rdmax MS delay each received chunk the same way (order is kept)
    --sdrop P, --rdrop P   drop a local send / a received chunk with probability
                           P (0..1)

  -h, --help             this help (anywhere on the command line)
  --version              the version

  Examples
    $ netcrab-tui -L 127.0.0.1:5000
    $ netcrab-tui example.com:80 < request.txt
    $ netcrab-tui -L '*:5000' --fork 127.0.0.2:6000
    $ netcrab-tui -i fixed --stats 127.0.0.1:5000
    $ netcrab-tui -L 127.0.0.1:5000 -m 50 --exec-each 'read l; echo "got $l"'
    $ netcrab-tui -u -L '*:5000' -i echo
    $ netcrab-tui -L tcp:127.0.0.1:2375 -f channels unix:/var/run/docker.sock
    $ netcrab-tui --proxy 127.0.0.1:1080 example.com:80
    $ netcrab-tui -L '*:5000' --allow 10.0.0.0/8 --deny 10.0.0.13
    $ printf 'GET / HTTP/1.0\\r\\n\\r\\n' | netcrab-tui -w 5 -q 2 example.com:80
    $ netcrab-tui -r -w 3 127.0.0.1:5000
    $ netcrab-tui -L 127.0.0.1:5000 --idle-timeout 300 --half-close-wait 0
    $ netcrab-tui -L tls:*:8443 -f channels tcp:127.0.0.1:8080
`;

function fail(text: string, code: number): never {
	process.stderr.write(`netcrab-tui: ${text}\n`);
	process.exit(code);
}

/** The help as printed: the description, then the text above without its indent. */
function helpText(description: string): string {
	return `\n${description}\n${help.replace(/^ {2}/gm, '')}`;
}

async function main(): Promise<number> {
	const pkg = packageInfo();
	// What ps and top show, instead of `node`.
	process.title = pkg.name;
	const request = helpRequest(process.argv.slice(2));
	if (request === 'help') process.stdout.write(helpText(pkg.description));
	if (request === 'version') process.stdout.write(`${pkg.version}\n`);
	if (request !== undefined) return 0;
	let options: Options;
	try {
		const cli = parseCommandLine(flagDefinitions, process.argv.slice(2));
		// A help flag inside a group of short options (-vh) shows up here.
		if (cli.flags['help'] === true) {
			process.stdout.write(helpText(pkg.description));
			return 0;
		}
		options = parseOptions(cli.flags, cli.input);
	} catch (error) {
		if (error instanceof UsageError || error instanceof RepeatedFlagError) fail(`${error.message} (see --help)`, 2);
		throw error;
	}
	if (options.zeroIo) {
		return probeTargets(options, (level, text) => process.stderr.write(level === 'error' ? `netcrab-tui: ${text}\n` : `${text}\n`));
	}
	const noFullScreen = wantsUi(options) ? fullScreenUnsupported(process.env) : undefined;
	if (noFullScreen) process.stderr.write(`netcrab-tui: note: ${noFullScreen}: plain mode (as --no-tui)\n`);
	else if (wantsUi(options)) {
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
