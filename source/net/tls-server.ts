// TLS server: a wrap step over accepted stream sockets. A tls.Server that never listens is fed each
// accepted socket (its documented 'connection' injection), so it does the handshake, the handshake
// timeout and the client certificate check for any listener (TCP today, Unix alike).
// A client that fails the handshake (plain bytes, no common version, a refused certificate) costs
// one status line and its own connection; the listener and every other client go on.
import type {Socket} from 'node:net';
import type * as tls from 'node:tls';
import {formatAddress} from '../address.js';
import {tlsModule} from '../lazy-builtins.js';
import {describeTlsFailure} from './tls-failure.js';

export interface TlsServerSettings {
	/** Certificate, key and (with verifyClients) the CA, as tls.createServer takes them. */
	credentials: tls.SecureContextOptions;
	alpn?: string[];
	/** --tls-verify: require a client certificate signed by --tls-ca. */
	verifyClients: boolean;
}

export interface TlsAcceptorHandlers {
	onSecure(socket: tls.TLSSocket): void;
	/** `peer` is `HOST:PORT` of the raw connection; `reason` one line. */
	onFailure(peer: string, reason: string): void;
}

/** A client that says nothing for this long after connecting is dropped (Node's default is 120 s). */
const handshakeTimeoutMs = 30_000;

export class TlsAcceptor {
	private readonly server: tls.Server;
	/** Accepted sockets' peers: a TLS socket that failed early may no longer know its address. */
	private readonly peers = new WeakMap<Socket, string>();

	constructor(settings: TlsServerSettings, handlers: TlsAcceptorHandlers) {
		this.server = tlsModule().createServer({
			...settings.credentials,
			requestCert: settings.verifyClients,
			rejectUnauthorized: settings.verifyClients,
			handshakeTimeout: handshakeTimeoutMs,
			...(settings.alpn ? {ALPNProtocols: settings.alpn} : {}),
			allowHalfOpen: true,
		});
		this.server.on('secureConnection', (socket: tls.TLSSocket) => handlers.onSecure(socket));
		this.server.on('tlsClientError', (error: Error, socket: tls.TLSSocket) => {
			handlers.onFailure(this.peerOf(socket), clientCertificateFailure(socket) ?? describeTlsFailure(error, {hint: false}));
			socket.destroy();
		});
	}

	/** Starts the handshake on an accepted, connected socket. */
	accept(socket: Socket): void {
		this.peers.set(socket, peerOf(socket));
		// Reading starts here; the TLS layer takes the socket's bytes from the first one.
		socket.resume();
		this.server.emit('connection', socket);
	}

	/** The TLS socket's own address, or the one of the socket it wraps (Node's `_parent`). */
	private peerOf(socket: tls.TLSSocket): string {
		const parent = (socket as unknown as {_parent?: unknown})._parent;
		const known = parent && typeof parent === 'object' ? this.peers.get(parent as Socket) : undefined;
		return known ?? (socket.remoteAddress ? peerOf(socket) : '?');
	}
}

function peerOf(socket: Socket): string {
	return formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
}

/** tls.Server ends a client whose certificate failed the check without an error of its own: the reason is here. */
function clientCertificateFailure(socket: tls.TLSSocket): string | undefined {
	const code = socket.authorizationError as unknown as string | undefined;
	return code ? `client certificate: ${describeTlsFailure({code}, {hint: false})}` : undefined;
}
