// The TLS flags -> TlsOptions. Pure: files are named here and read when the run starts.
// Rules: --tls (--ssl) makes every endpoint without a scheme TLS; a written `tcp:` stays plain.
// The TLS flags are refused when no endpoint runs TLS, so a forgotten `tls:` is not a silent
// plain-text run.

export interface TlsOptions {
	/** --tls/--ssl: endpoints without a scheme run TLS. */
	byDefault: boolean;
	/** --tls-servername: the SNI and the name the server certificate must carry. */
	serverName?: string;
	/** --alpn: protocols offered by clients and accepted by servers, in order of preference. */
	alpn?: string[];
	/** --tls-ca: PEM bundle added to Node's CAs (clients), the only CAs for client certificates (servers). */
	caFile?: string;
	/** --tls-insecure: clients do not verify the server certificate. */
	insecure: boolean;
	/** --tls-cert/--tls-key: the server's certificate, or the client certificate of targets. */
	certFile?: string;
	keyFile?: string;
	/** --tls-verify: servers require a client certificate signed by --tls-ca. */
	verifyClients: boolean;
}

export class TlsUsageError extends Error {}

const valueFlags = {
	tlsServername: '--tls-servername',
	alpn: '--alpn',
	tlsCa: '--tls-ca',
	tlsCert: '--tls-cert',
	tlsKey: '--tls-key',
} as const;

function text(raw: unknown, name: keyof typeof valueFlags): string | undefined {
	if (raw === undefined) return undefined;
	const value = String(raw);
	if (value.trim() === '') throw new TlsUsageError(`${valueFlags[name]} needs a value`);
	return value;
}

function parseAlpn(raw: string | undefined): string[] | undefined {
	if (raw === undefined) return undefined;
	const protocols = raw.split(',').map(name => name.trim());
	for (const name of protocols) {
		// An ALPN protocol name is 1 to 255 bytes on the wire.
		if (name === '' || Buffer.byteLength(name) > 255)
			throw new TlsUsageError(`bad protocol "${name}" in --alpn "${raw}": expected names of 1 to 255 bytes, separated by commas`);
	}
	return protocols;
}

/**
 * `flags` are meow's; `tlsClients`/`tlsServers` say whether any target / listener runs TLS once
 * schemes and --tls are applied.
 */
export function parseTlsOptions(
	flags: Record<string, unknown>,
	{tlsClients, tlsServers}: {tlsClients: boolean; tlsServers: boolean},
): TlsOptions {
	const options: TlsOptions = {
		byDefault: flags['tls'] === true || flags['ssl'] === true,
		insecure: flags['tlsInsecure'] === true,
		verifyClients: flags['tlsVerify'] === true,
	};
	const serverName = text(flags['tlsServername'], 'tlsServername');
	const alpn = parseAlpn(text(flags['alpn'], 'alpn'));
	const caFile = text(flags['tlsCa'], 'tlsCa');
	const certFile = text(flags['tlsCert'], 'tlsCert');
	const keyFile = text(flags['tlsKey'], 'tlsKey');
	if (serverName !== undefined) options.serverName = serverName;
	if (alpn !== undefined) options.alpn = alpn;
	if (caFile !== undefined) options.caFile = caFile;
	if (certFile !== undefined) options.certFile = certFile;
	if (keyFile !== undefined) options.keyFile = keyFile;

	const given = [
		...(Object.keys(valueFlags) as Array<keyof typeof valueFlags>)
			.filter(name => flags[name] !== undefined)
			.map(name => valueFlags[name]),
		...(options.insecure ? ['--tls-insecure'] : []),
		...(options.verifyClients ? ['--tls-verify'] : []),
	];
	if (!tlsClients && !tlsServers && given.length > 0) {
		throw new TlsUsageError(`${given.join(', ')}: only for TLS endpoints; add --tls or write tls: before an address`);
	}
	if ((certFile === undefined) !== (keyFile === undefined)) throw new TlsUsageError('--tls-cert and --tls-key go together');
	if (!tlsClients) {
		for (const [name, value] of [
			['--tls-servername', serverName],
			['--tls-insecure', options.insecure || undefined],
		] as const) {
			if (value !== undefined) throw new TlsUsageError(`${name} is for TLS targets and there is none`);
		}
	}
	if (options.verifyClients && !tlsServers)
		throw new TlsUsageError('--tls-verify checks the clients of a TLS listener and there is none');
	if (options.verifyClients && caFile === undefined)
		throw new TlsUsageError('--tls-verify needs --tls-ca FILE: the CA that signs the client certificates');
	if (options.insecure && caFile !== undefined && !tlsServers)
		throw new TlsUsageError('--tls-insecure skips the check that --tls-ca is for; give one of them');
	return options;
}
