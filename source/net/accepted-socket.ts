// Accepted sockets that read through `onread` (ReadBuffers) like outbound ones: without it an
// inbound relay costs about 1.5x the CPU per byte (measured with perf on issue 6's relay bench).
// net.Server has no `onread` option, so the server pauses each connection before it reads
// (pauseOnConnect) and its handle moves to a new Socket made with `onread`. That uses Node's
// private `_handle` and `_server` (what cluster itself relies on); if they are not what we expect,
// the accepted socket is used as it is, with Node's own 64 KiB reads.
import net from 'node:net';
import {ReadBuffers} from './read-buffers.js';

interface SocketInternals {
	_handle?: unknown;
	_server?: net.Server | null;
	server?: net.Server;
}

export function withReadBuffers(accepted: net.Socket, highWaterMark: number): {socket: net.Socket; readBuffers?: ReadBuffers} {
	const internals = accepted as unknown as SocketInternals;
	const handle = internals._handle;
	if (handle === null || typeof handle !== 'object' || !(internals._server instanceof net.Server)) {
		accepted.resume();
		return {socket: accepted};
	}
	const readBuffers = new ReadBuffers();
	internals._handle = null;
	const socket = new net.Socket({
		handle,
		allowHalfOpen: true,
		readable: true,
		writable: true,
		highWaterMark,
		onread: {buffer: readBuffers.nextBuffer, callback: readBuffers.received},
	} as net.SocketConstructorOpts);
	// The server counts its connections (-m, close) through the socket's `_server`: move it along.
	const moved = socket as unknown as SocketInternals;
	moved._server = internals._server;
	moved.server = internals._server;
	internals._server = null;
	return {socket, readBuffers};
}
