// Plain node sockets as test peers: a client that collects what it receives, a server that
// accepts and collects. Real sockets on loopback, ports from the OS.
import {createHash} from 'node:crypto';
import net from 'node:net';
import {once} from 'node:events';

export function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

export interface Peer {
	socket: net.Socket;
	received(): Buffer;
	waitFor(length: number, timeoutMs?: number): Promise<Buffer>;
	/** Resolves when the other side closed or half-closed (FIN). */
	ended: Promise<void>;
	closed: Promise<void>;
}

export function wrapSocket(socket: net.Socket): Peer {
	const chunks: Buffer[] = [];
	let length = 0;
	const waiters = new Set<() => void>();
	socket.on('data', (chunk: Buffer) => {
		chunks.push(chunk);
		length += chunk.length;
		for (const waiter of [...waiters]) waiter();
	});
	socket.on('error', () => {});
	const ended = new Promise<void>(resolve => socket.once('end', () => resolve()));
	const closed = new Promise<void>(resolve => socket.once('close', () => resolve()));
	return {
		socket,
		received: () => Buffer.concat(chunks),
		ended,
		closed,
		waitFor: (wanted, timeoutMs = 10_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					if (length >= wanted) {
						clearTimeout(timer);
						waiters.delete(check);
						resolve(Buffer.concat(chunks));
					}
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`peer got ${length} of ${wanted} bytes`));
				}, timeoutMs);
				waiters.add(check);
				check();
			}),
	};
}

export async function connectPeer(port: number, host = '127.0.0.1', localAddress?: string): Promise<Peer> {
	const socket = net.connect({port, host, allowHalfOpen: true, ...(localAddress ? {localAddress} : {})});
	const peer = wrapSocket(socket);
	await once(socket, 'connect');
	return peer;
}

export interface PeerServer {
	server: net.Server;
	port: number;
	/** Resolves with the n-th accepted connection. */
	accepted(index?: number): Promise<Peer>;
	close(): void;
}

/** With answerFin, a connection that half-closes is closed in turn (a typical server). */
export async function listenPeer(host = '127.0.0.1', {answerFin = false}: {answerFin?: boolean} = {}): Promise<PeerServer> {
	const server = net.createServer({allowHalfOpen: true});
	const peers: Peer[] = [];
	const waiters = new Set<() => void>();
	server.on('connection', socket => {
		if (answerFin) socket.on('end', () => socket.end());
		peers.push(wrapSocket(socket));
		for (const waiter of [...waiters]) waiter();
	});
	server.listen(0, host);
	await once(server, 'listening');
	return {
		server,
		port: (server.address() as net.AddressInfo).port,
		accepted: (index = 0) =>
			new Promise(resolve => {
				const check = () => {
					if (peers.length > index) {
						waiters.delete(check);
						resolve(peers[index]!);
					}
				};
				waiters.add(check);
				check();
			}),
		close: () => {
			for (const peer of peers) peer.socket.destroy();
			server.close();
		},
	};
}
