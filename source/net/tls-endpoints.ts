// What a run needs for its TLS endpoints, made once at start: the client settings every TLS target
// dials with, and the acceptor every TLS listener hands its sockets to. Reports the self-signed
// certificate's fingerprint and the --tls-insecure warning.

import type {TLSSocket} from 'node:tls';
import {transportOf, type IpListenSpec, type TargetSpec} from '../address.js';
import type {ReportLevel} from '../router/router.js';
import type {TlsOptions} from '../tls-options.js';
import {selfSignedNames} from './self-signed.js';
import type {TlsClientSettings} from './tls-client.js';
import {loadTlsMaterial} from './tls-material.js';
import {TlsAcceptor} from './tls-server.js';

export interface TlsEndpoints {
	/** Set when a target runs TLS. */
	client?: TlsClientSettings;
	/** Set when a listener runs TLS: the handshake for accepted sockets. */
	acceptor?: TlsAcceptor;
}

export interface TlsEndpointHandlers {
	onSecure(socket: TLSSocket): void;
	report(level: ReportLevel, text: string): void;
}

export function isTlsEndpoint(spec: IpListenSpec | TargetSpec, options: TlsOptions): boolean {
	return transportOf(spec, {udp: false, tls: options.byDefault}) === 'tls';
}

/** Rejects with a one-line RuntimeError (an unreadable file, a bad PEM). */
export async function prepareTls(
	options: TlsOptions,
	endpoints: {listen: readonly IpListenSpec[]; targets: readonly TargetSpec[]},
	handlers: TlsEndpointHandlers,
): Promise<TlsEndpoints> {
	const tlsListeners = endpoints.listen.filter(spec => isTlsEndpoint(spec, options));
	const clients = endpoints.targets.some(spec => isTlsEndpoint(spec, options));
	const material = await loadTlsMaterial(options, {
		clients,
		servers: tlsListeners.length > 0,
		serverNames: () => selfSignedNames(tlsListeners),
	});
	const prepared: TlsEndpoints = {};
	if (material.client) {
		prepared.client = {
			context: material.client,
			insecure: options.insecure,
			...(options.serverName !== undefined ? {serverName: options.serverName} : {}),
			...(options.alpn ? {alpn: options.alpn} : {}),
		};
		if (options.insecure)
			handlers.report(
				'warning',
				'warning: --tls-insecure: server certificates are not verified; anyone on the path can read and change the traffic',
			);
	}
	if (material.server) {
		if (material.selfSigned) {
			const {names, fingerprint256, validTo} = material.selfSigned;
			handlers.report('info', `TLS certificate: self-signed, made at start for ${names.join(', ')}, valid until ${validTo}`);
			handlers.report('info', `SHA256 Fingerprint: ${fingerprint256}`);
		}
		prepared.acceptor = new TlsAcceptor(
			{credentials: material.server, verifyClients: options.verifyClients, ...(options.alpn ? {alpn: options.alpn} : {})},
			{
				onSecure: handlers.onSecure,
				onFailure: (peer, reason) => handlers.report('warning', `TLS handshake with ${peer} failed: ${reason}`),
			},
		);
	}
	return prepared;
}
