#!/usr/bin/env node
// The bench's load source and sink, run as processes of their own so they never share an event
// loop with what is measured. Tuned so that they are not the bottleneck: the source writes 1 MiB
// slices of one pattern buffer (no per-write allocation), the sink reads into one 1 MiB buffer
// where Node allows it (outbound sockets) and checks every byte with memcmp against the pattern.
//
//   node bench/load.js ROLE 'JSON-CONFIG'
// Reports are JSON lines on stdout: {"event": "listening" | "connected" | "done" | ..., ...}.
import {createHash} from 'node:crypto';
import {closeSync, openSync, writeSync} from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import {fileURLToPath} from 'node:url';

const chunkSize = 1 << 20;
/** Not a power of two, so a lost or repeated chunk shows up as a mismatch. */
const patternLength = (1 << 20) + 4099;

/** The pattern, followed by its first chunkSize bytes again: a chunk at any offset is one slice. */
function makePattern() {
	const buffer = Buffer.allocUnsafe(patternLength + chunkSize + 32);
	for (let index = 0, offset = 0; offset < patternLength; index++, offset += 32) {
		createHash('sha256').update(String(index)).digest().copy(buffer, offset);
	}
	buffer.copy(buffer, patternLength, 0, chunkSize);
	return buffer.subarray(0, patternLength + chunkSize);
}

/** Writes `bytes` bytes of the pattern to a file (the stdin of the send scenario). */
export function writePatternFile(path, bytes) {
	const pattern = makePattern();
	const fd = openSync(path, 'w');
	try {
		for (let offset = 0, written = 0; written < bytes;) {
			const length = Math.min(chunkSize, bytes - written);
			writeSync(fd, pattern, offset, length);
			written += length;
			offset = (offset + length) % patternLength;
		}
	} finally {
		closeSync(fd);
	}
}

function now() {
	return performance.timeOrigin + performance.now();
}

function report(event, fields = {}) {
	process.stdout.write(`${JSON.stringify({event, t: now(), ...fields})}\n`);
}

/** Checks received bytes against the pattern, continuing where the last chunk stopped. */
class Checker {
	offset = 0;
	bytes = 0;
	ok = true;

	constructor(pattern, verify) {
		this.pattern = pattern;
		this.verify = verify;
	}

	take(data, start, end) {
		let length = end - start;
		this.bytes += length;
		while (length > 0) {
			const n = Math.min(length, chunkSize);
			if (this.verify && this.ok && data.compare(this.pattern, this.offset, this.offset + n, start, start + n) !== 0) this.ok = false;
			this.offset = (this.offset + n) % patternLength;
			start += n;
			length -= n;
		}
	}
}

function listen(host, onConnection) {
	const server = net.createServer({allowHalfOpen: true, noDelay: true}, onConnection);
	server.listen({host, port: 0, backlog: 4096}, () => report('listening', {port: server.address().port}));
	return server;
}

/**
 * Like listen, but every accepted socket reads into its own 1 MiB buffer (Node's `onread`), as
 * outbound sockets can: net.Server has no such option, so the accepted handle is moved to a new
 * Socket before it ever reads. Bench-only use of the private `_handle`.
 */
function listenWithOwnBuffer(host, onConnection) {
	const server = net.createServer({allowHalfOpen: true, pauseOnConnect: true}, accepted => {
		const handle = accepted._handle;
		accepted._handle = null;
		const reader = {callback: undefined};
		const buffer = Buffer.allocUnsafe(chunkSize);
		const socket = new net.Socket({
			handle,
			allowHalfOpen: true,
			readable: true,
			writable: true,
			onread: {buffer, callback: (length, data) => reader.callback(data, length)},
		});
		onConnection(socket, reader);
	});
	server.listen({host, port: 0, backlog: 4096}, () => report('listening', {port: server.address().port}));
	return server;
}

/** Writes the pattern until `bytes` are sent (or forever), then calls onSent; state.sent counts. */
function pump(socket, pattern, bytes, state, onSent) {
	let remaining = bytes;
	let offset = 0;
	const more = () => {
		while (remaining > 0 && !socket.destroyed) {
			const length = Math.min(chunkSize, remaining);
			const chunk = pattern.subarray(offset, offset + length);
			offset = (offset + length) % patternLength;
			remaining -= length;
			state.sent += length;
			if (!socket.write(chunk)) {
				socket.once('drain', more);
				return;
			}
		}
		if (remaining === 0) onSent();
	};
	more();
}

/**
 * source: sends the pattern. {listen: host} waits for one peer, {connect: {host, port}} connects.
 * {bytes} says how much, or {seconds} how long to push. Done when the peer half-closed after
 * reading everything (its FIN), which is when a receiver is finished; `seconds` is connection to
 * that FIN.
 * {echoReceived: true} reports what the peer sends back (keystrokes in the UI scenario).
 */
function source(config, pattern) {
	const run = socket => {
		const started = now();
		report('connected');
		const state = {sent: 0};
		let finished = false;
		const done = () => {
			if (finished) return;
			finished = true;
			report('done', {bytes: state.sent, seconds: (now() - started) / 1000});
			socket.destroy();
			process.exit(0);
		};
		socket.on('error', done);
		socket.on('end', done);
		socket.on('close', done);
		if (config.echoReceived) socket.on('data', data => report('received', {text: data.toString('latin1')}));
		// With {seconds}, push for that long whether or not the peer keeps up.
		if (config.seconds !== undefined) setTimeout(done, config.seconds * 1000);
		pump(socket, pattern, config.bytes ?? Infinity, state, () => {
			report('sent', {bytes: state.sent});
			socket.end();
		});
	};
	if (config.listen) {
		const server = listen(config.listen, socket => {
			server.close();
			run(socket);
		});
	} else if (config.connect.tls) {
		// {connect: {tls: true}}: a TLS client that trusts any certificate (the bench makes its own).
		const socket = tls.connect(
			{host: config.connect.host, port: config.connect.port, allowHalfOpen: true, noDelay: true, rejectUnauthorized: false},
			() => run(socket),
		);
		socket.on('error', error => {
			report('error', {message: error.message});
			process.exit(1);
		});
	} else {
		const socket = net.connect({host: config.connect.host, port: config.connect.port, allowHalfOpen: true, noDelay: true}, () =>
			run(socket),
		);
		socket.on('error', error => {
			report('error', {message: error.message});
			process.exit(1);
		});
	}
}

/**
 * sink: receives and checks. {listen: host} accepts {count} peers (default 1); {connect: {host, port,
 * count}} opens count connections. Each connection is finished when it got {bytes} bytes or its
 * peer half-closed. `seconds` is first byte (any connection) to the last connection finished.
 * {verify: false} only counts bytes; {verify: 'first'} checks the first connection and counts the rest.
 * {rate: bytesPerSecond} reads slowly (pausing the socket), like a slow consumer.
 * {spacingMs} spaces outbound connections out, so a peer with a short listen backlog keeps up.
 */
function sink(config, pattern) {
	const count = config.count ?? config.connect?.count ?? 1;
	const expected = config.bytes ?? Infinity;
	const results = [];
	let firstByte;
	let lastDone;
	const finishOne = result => {
		if (result.finished) return;
		result.finished = true;
		lastDone = now();
		if (results.filter(item => item.finished).length === count) {
			report('done', {
				seconds: ((lastDone ?? now()) - (firstByte ?? now())) / 1000,
				connections: results.map(({checker}) => ({bytes: checker.bytes, ok: checker.ok})),
			});
			process.exit(0);
		}
	};
	const track = (socket, readIntoOwnBuffer) => {
		// verify: 'first' checks one receiver's bytes and counts the others', to keep the sink light.
		const checker = new Checker(pattern, config.verify === 'first' ? results.length === 0 : config.verify !== false);
		const result = {checker, finished: false};
		results.push(result);
		const take = (data, length) => {
			firstByte ??= now();
			checker.take(data, 0, length);
			if (checker.bytes >= expected) finishOne(result);
		};
		if (readIntoOwnBuffer) readIntoOwnBuffer.callback = take;
		else if (config.rate) {
			const started = now();
			socket.on('data', data => {
				take(data, data.length);
				const aheadMs = (checker.bytes / config.rate) * 1000 - (now() - started);
				if (aheadMs > 1) {
					socket.pause();
					setTimeout(() => socket.resume(), aheadMs);
				}
			});
		} else socket.on('data', data => take(data, data.length));
		socket.on('end', () => {
			finishOne(result);
			socket.end();
		});
		socket.on('error', () => finishOne(result));
		socket.on('close', () => finishOne(result));
	};
	if (config.listen) {
		let accepted = 0;
		const onConnection = (socket, reader) => {
			accepted++;
			report('accepted', {accepted});
			track(socket, reader);
		};
		// The slow consumer pauses and resumes; the others read into their own buffer.
		if (config.rate) listen(config.listen, onConnection);
		else listenWithOwnBuffer(config.listen, onConnection);
	} else {
		let connected = 0;
		const open = () => {
			// onread: Node reads straight into our 1 MiB buffer, no allocation per read.
			const reader = {callback: undefined};
			const buffer = Buffer.allocUnsafe(chunkSize);
			const socket = net.connect({
				host: config.connect.host,
				port: config.connect.port,
				allowHalfOpen: true,
				onread: {buffer, callback: (length, data) => reader.callback(data, length)},
			});
			track(socket, reader);
			socket.on('connect', () => {
				if (++connected === count) report('connected', {connected});
			});
		};
		for (let index = 0; index < count; index++) setTimeout(open, index * (config.spacingMs ?? 0));
	}
}

/**
 * clients: {connect: {host, port}, count, bytes}: opens count connections at once, each sends the
 * pattern and half-closes. Done when every one of them was closed or half-closed by its peer.
 */
function clients(config, pattern) {
	let connected = 0;
	let finished = 0;
	for (let index = 0; index < config.count; index++) {
		const socket = net.connect({host: config.connect.host, port: config.connect.port, allowHalfOpen: true, noDelay: true});
		let over = false;
		const done = () => {
			if (over) return;
			over = true;
			socket.destroy();
			if (++finished === config.count) {
				report('done', {connections: config.count});
				process.exit(0);
			}
		};
		socket.on('connect', () => {
			if (++connected === config.count) report('connected', {connected});
			pump(socket, pattern, config.bytes, {sent: 0}, () => socket.end());
		});
		socket.resume();
		socket.on('end', done);
		socket.on('close', done);
		socket.on('error', done);
	}
}

/** idle: opens {count} connections to {host, port} in one burst and holds them open. */
function idle(config) {
	let connected = 0;
	report('starting');
	for (let index = 0; index < config.count; index++) {
		const socket = net.connect({host: config.host, port: config.port});
		socket.on('connect', () => {
			if (++connected === config.count) report('connected', {connected});
		});
		socket.on('error', error => report('error', {message: error.message}));
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [role, json = '{}'] = process.argv.slice(2);
	const config = JSON.parse(json);
	if (role === 'idle') idle(config);
	else if (role === 'clients') clients(config, makePattern());
	else if (role === 'source') source(config, makePattern());
	else if (role === 'sink') sink(config, makePattern());
	else {
		process.stderr.write(`load.js: unknown role ${role}\n`);
		process.exit(2);
	}
}
