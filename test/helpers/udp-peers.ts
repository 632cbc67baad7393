// A real UDP peer in python3: it binds (port 0 unless told), may join a multicast group, reports
// every datagram it receives (source, bytes, TTL) as a JSON line and sends what the test asks.
import {spawn} from 'node:child_process';
import dgram from 'node:dgram';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import type {TestContext} from 'node:test';
import {Condition} from './condition.js';

const script = String.raw`
import json, os, socket, struct, sys, threading
cfg = json.loads(sys.argv[1])
v6 = cfg.get('family') == 6
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
if cfg.get('reuse'):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if cfg.get('broadcast'):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
if v6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
else:
    s.setsockopt(socket.IPPROTO_IP, 12, 1)  # IP_RECVTTL
s.bind((cfg['host'], cfg.get('port', 0)))
if 'join' in cfg:
    if v6:
        mreq = socket.inet_pton(socket.AF_INET6, cfg['join']) + struct.pack('@I', socket.if_nametoindex(cfg['iface']))
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
    else:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(cfg['join']) + socket.inet_aton(cfg['iface']))
if 'multicastInterface' in cfg:
    if v6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, socket.if_nametoindex(cfg['multicastInterface']))
    else:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(cfg['multicastInterface']))
if 'loop' in cfg:
    if v6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, int(cfg['loop']))
    else:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, int(cfg['loop']))
lock = threading.Lock()
def emit(obj):
    with lock:
        sys.stdout.write(json.dumps(obj) + '\n')
        sys.stdout.flush()
emit({'port': s.getsockname()[1]})
def commands():
    for line in sys.stdin:
        command = json.loads(line)
        try:
            s.sendto(bytes.fromhex(command['data']), (command['host'], command['port']))
            emit({'sent': len(command['data']) // 2})
        except OSError as error:
            emit({'error': error.strerror, 'errno': error.errno})
    os._exit(0)
threading.Thread(target=commands, daemon=True).start()
while True:
    data, ancillary, flags, address = s.recvmsg(70000, 256)
    ttl = None
    for level, kind, value in ancillary:
        ttl = struct.unpack('i', value[:4])[0]
    emit({'from': [address[0], address[1]], 'data': data.hex(), 'ttl': ttl})
`;

export interface Datagram {
	host: string;
	port: number;
	data: Buffer;
	/** TTL (IPv4) or hop limit (IPv6) the datagram arrived with. */
	ttl: number | null;
}

export interface UdpPeerConfig {
	host: string;
	family?: 4 | 6;
	port?: number;
	reuse?: boolean;
	broadcast?: boolean;
	/** Multicast group to join on `iface` (an address for IPv4, an interface name for IPv6). */
	join?: string;
	iface?: string;
	/** Where own multicast goes out (address for IPv4, interface name for IPv6). */
	multicastInterface?: string;
	/** IP_MULTICAST_LOOP for own multicast (the system default is on). */
	loop?: boolean;
}

export interface UdpPeer {
	port: number;
	received(): Datagram[];
	/** Resolves once `count` datagrams arrived (all of them so far). */
	waitForDatagrams(count: number, timeoutMs?: number): Promise<Datagram[]>;
	/** Sends one datagram; resolves when python sent it, rejects with its error text. */
	send(data: Buffer | string, host: string, port: number): Promise<void>;
	close(): void;
}

export async function startUdpPeer(config: UdpPeerConfig): Promise<UdpPeer> {
	const child = spawn('python3', ['-c', script, JSON.stringify(config)], {stdio: ['pipe', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (text: string) => {
		stderr += text;
	});
	const datagrams: Datagram[] = [];
	const sendResults: Array<{sent?: number; error?: string}> = [];
	const changed = new Condition();
	let port: number | undefined;
	const lines = createInterface({input: child.stdout});
	lines.on('line', line => {
		const message = JSON.parse(line) as {
			port?: number;
			from?: [string, number];
			data?: string;
			ttl?: number | null;
			sent?: number;
			error?: string;
		};
		if (message.port !== undefined) port = message.port;
		else if (message.from)
			datagrams.push({
				host: message.from[0],
				port: message.from[1],
				data: Buffer.from(message.data!, 'hex'),
				ttl: message.ttl ?? null,
			});
		else sendResults.push(message);
		changed.notify();
	});
	let exited = false;
	child.on('exit', () => {
		exited = true;
		changed.notify();
	});
	const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> =>
		changed.until(check, what, {
			timeoutMs,
			failed: () => (exited ? `python peer exited (${stderr.trim()})` : undefined),
			seen: () => `got ${datagrams.length} datagram(s)`,
		});
	// A peer that never binds (a loaded machine, no python3) must not outlive the test: its open
	// pipes would keep the test file from ending.
	const boundPort = await waitFor(() => port, 'the peer to bind').catch((error: unknown) => {
		child.kill('SIGKILL');
		throw error;
	});
	let sends = 0;
	return {
		port: boundPort,
		received: () => [...datagrams],
		waitForDatagrams: (count, timeoutMs) =>
			waitFor(() => (datagrams.length >= count ? [...datagrams] : undefined), `${count} datagram(s)`, timeoutMs),
		send: async (data, host, port) => {
			const index = sends++;
			child.stdin.write(`${JSON.stringify({data: Buffer.from(data).toString('hex'), host, port})}\n`);
			const result = await waitFor(() => sendResults[index], 'a send');
			if (result.error) throw new Error(result.error);
		},
		close: () => {
			if (!exited) child.kill('SIGKILL');
		},
	};
}

/** A UDP port that was free a moment ago (for a multicast group or a port nobody listens on). */
export async function freeUdpPort(host = '127.0.0.1'): Promise<number> {
	const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
	socket.bind(0, host);
	await once(socket, 'listening');
	const {port} = socket.address();
	socket.close();
	return port;
}

/** A multicast group of our own, so concurrent runs do not hear each other. */
export function randomGroup(family: 4 | 6 = 4): string {
	const byte = () => 1 + Math.floor(Math.random() * 254);
	return family === 4 ? `239.${byte()}.${byte()}.${byte()}` : `ff02::${byte().toString(16)}:${byte().toString(16)}`;
}

/** startUdpPeer, closed when the test ends. */
export async function startUdpPeerFor(t: TestContext, config: UdpPeerConfig): Promise<UdpPeer> {
	const started = await startUdpPeer(config);
	t.after(() => started.close());
	return started;
}
