// Plain node sockets as test peers: a client that collects what it receives, a server that
// accepts and collects. Real sockets on loopback, ports from the OS.
import {createHash} from 'node:crypto';
import net from 'node:net';
import {once} from 'node:events';
import {Condition} from './condition.js';

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
	const changed = new Condition();
	socket.on('data', (chunk: Buffer) => {
		chunks.push(chunk);
		length += chunk.length;
		changed.notify();
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
			changed.until(() => (length >= wanted ? Buffer.concat(chunks) : undefined), `${wanted} bytes`, {
				timeoutMs,
				seen: () => `peer got ${length} of ${wanted} bytes`,
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
	const changed = new Condition();
	server.on('connection', socket => {
		if (answerFin) socket.on('end', () => socket.end());
		peers.push(wrapSocket(socket));
		changed.notify();
	});
	server.listen(0, host);
	await once(server, 'listening');
	return {
		server,
		port: (server.address() as net.AddressInfo).port,
		accepted: (index = 0) => changed.until(() => peers[index], `connection ${index} to be accepted`),
		close: () => {
			for (const peer of peers) peer.socket.destroy();
			server.close();
		},
	};
}
