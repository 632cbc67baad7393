// A loopback TCP server that counts what it receives and keeps only the first bytes, for
// generators that send far more than a test should hold in memory.
import net from 'node:net';
import {once} from 'node:events';
import {Condition} from './condition.js';

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
	const changed = new Condition();
	socket.on('data', (chunk: Buffer) => {
		total += chunk.length;
		if (keptLength < keep) {
			kept.push(chunk.subarray(0, keep - keptLength));
			keptLength = Math.min(keep, keptLength + chunk.length);
		}
		changed.notify();
	});
	socket.on('error', () => {});
	return {
		socket,
		bytes: () => total,
		head: () => Buffer.concat(kept),
		waitForBytes: async (count, timeoutMs = 10_000) => {
			await changed.until(() => (total >= count ? true : undefined), `${count} bytes`, {
				timeoutMs,
				seen: () => `sink got ${total} of ${count} bytes`,
			});
		},
	};
}

export async function listenSink(keep = 1 << 20): Promise<Sink> {
	const server = net.createServer();
	const connections: SinkConnection[] = [];
	const changed = new Condition();
	server.on('connection', socket => {
		connections.push(countingConnection(socket, keep));
		changed.notify();
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		port: (server.address() as net.AddressInfo).port,
		accepted: (index = 0) => changed.until(() => connections[index], `connection ${index} to be accepted`),
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
