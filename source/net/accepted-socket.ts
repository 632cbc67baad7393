// Accepted sockets that read through `onread` (ReadBuffers) like outbound ones: without it an
// inbound relay costs about 1.5x the CPU per byte (measured with perf on issue 6's relay bench).
// net.Server has no `onread` option, so the server pauses each connection before it reads
// (pauseOnConnect) and the accepted socket gets what net.Socket's constructor sets up for
// `onread`: three private fields, found once by name on a socket made with `onread` (and checked
// to hold what was passed), and the handle's user buffer. Until issue 17 the handle moved to a
// second Socket made with `onread`: in a burst of 10,000 peers that second Socket (its stream
// state, and its garbage) was about a third of the CPU of each accept. If the fields are not
// found, the handle still moves (Node's private `_handle` and `_server`, as cluster uses them);
// if those are not what we expect either, the socket reads with Node's own 64 KiB reads.
import net from 'node:net';
import {ReadBuffers} from './read-buffers.js';

interface SocketInternals {
	_handle?: unknown;
	_server?: net.Server | null;
	server?: net.Server;
}

interface OnreadFields {
	buffer: symbol;
	generator: symbol;
	callback: symbol;
}

/** The private symbols behind net.Socket's `onread`, if this Node has them as expected. */
const onreadFields = ((): OnreadFields | undefined => {
	const generator = () => Buffer.alloc(1);
	const callback = () => true;
	const probe = new net.Socket({onread: {buffer: generator, callback}} as net.SocketConstructorOpts);
	const named = (name: string) => Object.getOwnPropertySymbols(probe).find(symbol => symbol.description === name);
	const fields = {buffer: named('kBuffer'), generator: named('kBufferGen'), callback: named('kBufferCb')};
	const values = probe as unknown as Record<symbol, unknown>;
	if (!fields.buffer || !fields.generator || !fields.callback) return undefined;
	if (values[fields.buffer] !== true || values[fields.generator] !== generator || values[fields.callback] !== callback) {
		return undefined;
	}
	return fields as OnreadFields;
})();

export function withReadBuffers(accepted: net.Socket, highWaterMark: number): {socket: net.Socket; readBuffers?: ReadBuffers} {
	const internals = accepted as unknown as SocketInternals;
	const handle = internals._handle as {useUserBuffer?: (buffer: Uint8Array) => void} | null | undefined;
	if (onreadFields && handle && typeof handle.useUserBuffer === 'function') {
		const readBuffers = new ReadBuffers();
		const first = readBuffers.nextBuffer();
		const fields = accepted as unknown as Record<symbol, unknown>;
		fields[onreadFields.buffer] = first;
		fields[onreadFields.generator] = readBuffers.nextBuffer;
		fields[onreadFields.callback] = readBuffers.received;
		handle.useUserBuffer(first);
		// Starts reading as net.Socket's constructor does. Not resume(): its deferred step would
		// start reading again after a pause() in the same tick (--fork holds a client that way).
		accepted.read(0);
		return {socket: accepted, readBuffers};
	}
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
