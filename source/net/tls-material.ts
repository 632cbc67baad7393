// The run's TLS secure contexts, made once at start from --tls-ca/--tls-cert/--tls-key (or a fresh
// self-signed certificate for listeners), so each connection reuses them instead of parsing
// Node's 140-odd root certificates again.
import {readFile} from 'node:fs/promises';
import type * as tls from 'node:tls';
import {describeError, RuntimeError} from '../errors.js';
import {tlsModule} from '../lazy-builtins.js';
import type {TlsOptions} from '../tls-options.js';
import {makeSelfSigned, type SelfSigned} from './self-signed.js';

export interface TlsMaterial {
	/** For targets: Node's CAs plus --tls-ca, and the client certificate if given. */
	client?: tls.SecureContext;
	/** For listeners: the certificate, and --tls-ca as the only CA for client certificates (tls.Server makes its own context). */
	server?: tls.SecureContextOptions;
	/** Set when the listeners' certificate was made at start. */
	selfSigned?: SelfSigned;
}

async function read(file: string, flag: string): Promise<Buffer> {
	try {
		return await readFile(file);
	} catch (error) {
		throw new RuntimeError(`cannot read ${flag} ${file}: ${describeError(error)}`);
	}
}

function context(options: tls.SecureContextOptions, what: string): tls.SecureContext {
	try {
		return tlsModule().createSecureContext(options);
	} catch (error) {
		// OpenSSL's text ("error:1E08010C:DECODER routines::unsupported") is all there is to say.
		throw new RuntimeError(`bad ${what}: ${error instanceof Error ? error.message : String(error)}`);
	}
}

export async function loadTlsMaterial(
	options: TlsOptions,
	needs: {clients: boolean; servers: boolean; serverNames: () => string[]},
): Promise<TlsMaterial> {
	const material: TlsMaterial = {};
	if (!needs.clients && !needs.servers) return material;
	const ca = options.caFile === undefined ? undefined : await read(options.caFile, '--tls-ca');
	const pair =
		options.certFile === undefined || options.keyFile === undefined
			? undefined
			: {cert: await read(options.certFile, '--tls-cert'), key: await read(options.keyFile, '--tls-key')};
	const pairText = `--tls-cert ${options.certFile} / --tls-key ${options.keyFile}`;
	if (ca) context({ca}, `--tls-ca ${options.caFile}`);
	if (needs.clients) {
		material.client = context(
			{...(ca ? {ca: [...tlsModule().rootCertificates, ca.toString()]} : {}), ...pair},
			pair ? pairText : `--tls-ca ${options.caFile}`,
		);
	}
	if (needs.servers) {
		if (!pair) material.selfSigned = await makeSelfSigned(needs.serverNames());
		const {cert, key} = pair ?? material.selfSigned!;
		material.server = {cert, key, ...(ca ? {ca} : {})};
		context(material.server, pairText);
	}
	return material;
}
