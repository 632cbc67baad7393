// TLS client: a wrap step over a stream that is already connected (TCP today; a Unix socket or a
// proxy tunnel work the same), so every dialer gets TLS by handing its socket here.
// SNI is the target's host name (--tls-servername overrides; none for an IP address, as curl and
// browsers do); the certificate is checked against the same name, or the IP address.
import {isIP, type Socket} from 'node:net';
import type * as tls from 'node:tls';
import {tlsModule} from '../lazy-builtins.js';
import {describeTlsFailure} from './tls-failure.js';

export interface TlsClientSettings {
	context: tls.SecureContext;
	serverName?: string;
	alpn?: string[];
	/** --tls-insecure: finish the handshake whatever the certificate says. */
	insecure: boolean;
}

/** A handshake that failed; the message is the one-line reason. */
export class TlsHandshakeError extends Error {}

/** Bytes a TLS socket may queue before write() says "stop": the same as a TCP socket's. */
const highWaterMark = 1 << 20;

export function wrapTlsClient(socket: Socket, host: string, settings: TlsClientSettings): Promise<tls.TLSSocket> {
	const name = settings.serverName ?? host;
	return new Promise((resolve, reject) => {
		// highWaterMark reaches the TLS socket at run time; @types/node does not list it here.
		const options: tls.ConnectionOptions & {highWaterMark: number} = {
			socket,
			// The name checked against the certificate when no SNI is sent.
			host: name,
			...(isIP(name) ? {} : {servername: name}),
			secureContext: settings.context,
			rejectUnauthorized: !settings.insecure,
			...(settings.alpn ? {ALPNProtocols: settings.alpn} : {}),
			highWaterMark,
		};
		const secure = tlsModule().connect(options);
		const onError = (error: Error) => {
			secure.destroy();
			socket.destroy();
			reject(new TlsHandshakeError(`TLS handshake failed: ${describeTlsFailure(error)}`));
		};
		secure.once('error', onError);
		secure.once('secureConnect', () => {
			secure.removeListener('error', onError);
			resolve(secure);
		});
	});
}

/** With --tls-insecure: why the certificate would have been refused, if it would. */
export function unverifiedReason(socket: tls.TLSSocket): string | undefined {
	if (socket.authorized) return undefined;
	const error = socket.authorizationError as unknown as Error | string | undefined;
	if (error === undefined) return undefined;
	return describeTlsFailure(typeof error === 'string' ? {code: error} : error, {hint: false});
}
