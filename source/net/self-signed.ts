// A fresh self-signed certificate for TLS listeners started without --tls-cert: ECDSA P-256, valid
// for 30 days, for the listen host names and addresses. Node's crypto makes the key and signs, but
// cannot assemble an X.509 certificate; @peculiar/x509 (maintained, on WebCrypto) does that, and is
// loaded only here, when a listener needs it (its import costs a few hundred ms).
import {cryptoModule} from '../lazy-builtins.js';
import {isIP} from 'node:net';
import {hostname, networkInterfaces} from 'node:os';
import type {IpListenSpec} from '../address.js';

export interface SelfSigned {
	cert: string;
	key: string;
	/** Every name and address the certificate is valid for. */
	names: string[];
	/** `AA:BB:...`, as `openssl x509 -fingerprint -sha256` prints it. */
	fingerprint256: string;
	validTo: string;
}

const validDays = 30;

/** localhost and the loopback addresses always; the names given; every interface's address for `*` and `:PORT`. */
export function selfSignedNames(specs: readonly IpListenSpec[]): string[] {
	const names = new Set<string>(['localhost', '127.0.0.1', '::1']);
	for (const spec of specs) {
		if (spec.kind === 'host' && spec.host !== '0.0.0.0' && spec.host !== '::') {
			names.add(spec.host);
			continue;
		}
		names.add(hostname());
		for (const infos of Object.values(networkInterfaces())) {
			for (const info of infos ?? []) if (!info.scopeid) names.add(info.address);
		}
	}
	return [...names];
}

function pem(label: string, der: ArrayBuffer): string {
	const base64 = Buffer.from(der)
		.toString('base64')
		.match(/.{1,64}/g)!
		.join('\n');
	return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

export async function makeSelfSigned(names: readonly string[], now = Date.now()): Promise<SelfSigned> {
	const {webcrypto, X509Certificate} = cryptoModule();
	// tsyringe, used inside @peculiar/x509, needs the Reflect metadata API loaded first.
	await import('reflect-metadata');
	const x509 = await import('@peculiar/x509');
	x509.cryptoProvider.set(webcrypto as unknown as Crypto);
	const algorithm = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'};
	const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
	const alternativeNames = names.map(name => (isIP(name) ? {type: 'ip' as const, value: name} : {type: 'dns' as const, value: name}));
	const certificate = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
			.toString('hex')
			.replace(/^[89a-f]/, '7'),
		name: 'CN=netcrab-tui self-signed',
		// A minute back, so a peer whose clock is slightly behind accepts it.
		notBefore: new Date(now - 60_000),
		notAfter: new Date(now + validDays * 86_400_000),
		keys,
		signingAlgorithm: algorithm,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
			new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
			new x509.SubjectAlternativeNameExtension(alternativeNames),
		],
	});
	const cert = certificate.toString('pem');
	const key = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
	const parsed = new X509Certificate(cert);
	return {cert, key, names: [...names], fingerprint256: parsed.fingerprint256, validTo: new Date(parsed.validTo).toISOString()};
}
