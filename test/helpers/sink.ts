// A loopback TCP server that counts what it receives and keeps only the first bytes, for
// generators that send far more than a test should hold in memory.
import net from 'node:net';
import {once} from 'node:events';

export interface SinkConnection {
	socket: net.Socket;
	bytes(): number;
	/** The first `keep` bytes received. */
	head(): Buffer;
	/** Resolves once at least `count` bytes arrived. */
	waitForBytes(count: number, timeoutMs?: number): Promise<void>;
}

export interface Sink {
	port: number;
	accepted(index?: number): Promise<SinkConnection>;
	close(): void;
}

export function countingConnection(socket: net.Socket, keep: number): SinkConnection {
	let total = 0;
	const kept: Buffer[] = [];
	let keptLength = 0;
	const waiters = new Set<() => void>();
	socket.on('data', (chunk: Buffer) => {
		total += chunk.length;
		if (keptLength < keep) {
			kept.push(chunk.subarray(0, keep - keptLength));
			keptLength = Math.min(keep, keptLength + chunk.length);
		}
		for (const waiter of [...waiters]) waiter();
	});
	socket.on('error', () => {});
	return {
		socket,
		bytes: () => total,
		head: () => Buffer.concat(kept),
		waitForBytes: (count, timeoutMs = 10_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					if (total < count) return;
					clearTimeout(timer);
					waiters.delete(check);
					resolve();
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`sink got ${total} of ${count} bytes`));
				}, timeoutMs);
				waiters.add(check);
				check();
			}),
	};
}

export async function listenSink(keep = 1 << 20): Promise<Sink> {
	const server = net.createServer();
	const connections: SinkConnection[] = [];
	const waiters = new Set<() => void>();
	server.on('connection', socket => {
		connections.push(countingConnection(socket, keep));
		for (const waiter of [...waiters]) waiter();
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		port: (server.address() as net.AddressInfo).port,
		accepted: (index = 0) =>
			new Promise(resolve => {
				const check = () => {
					if (connections.length <= index) return;
					waiters.delete(check);
					resolve(connections[index]!);
				};
				waiters.add(check);
				check();
			}),
		close: () => {
			for (const connection of connections) connection.socket.destroy();
			server.close();
		},
	};
}

export async function connectSink(port: number, keep = 1 << 20): Promise<SinkConnection> {
	const socket = net.connect({port, host: '127.0.0.1'});
	await once(socket, 'connect');
	return countingConnection(socket, keep);
}
