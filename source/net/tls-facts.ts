// What a finished handshake tells (version, cipher, ALPN, the peer's certificate), and the status
// lines that show it. Certificates expiring within 14 days are a warning, as browsers and
// monitoring tools flag them.
import type {PeerCertificate, TLSSocket} from 'node:tls';
import type {TlsFacts} from '../router/route.js';

const expiryWarningDays = 14;
const dayMs = 86_400_000;

/** `CN=localhost, O=Example`: a certificate name on one line. */
function formatName(name: PeerCertificate['subject'] | undefined): string {
	if (!name) return '?';
	const parts = Object.entries(name).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`);
	return parts.length > 0 ? parts.join(', ') : '(empty)';
}

/** `2027-01-01 13:31:58 UTC`. */
export function formatCertificateDate(text: string): string {
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? text : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function hasCertificate(certificate: PeerCertificate | undefined): certificate is PeerCertificate {
	return certificate !== undefined && certificate !== null && Object.keys(certificate).length > 0;
}

export function tlsFactsOf(socket: TLSSocket): TlsFacts {
	const facts: TlsFacts = {version: socket.getProtocol() ?? '?', cipher: socket.getCipher()?.name ?? '?'};
	if (typeof socket.alpnProtocol === 'string') facts.alpn = socket.alpnProtocol;
	const certificate = socket.getPeerCertificate();
	if (hasCertificate(certificate)) {
		facts.peerCertificate = {
			subject: formatName(certificate.subject),
			issuer: formatName(certificate.issuer),
			validTo: formatCertificateDate(certificate.valid_to),
			fingerprint256: certificate.fingerprint256,
		};
	}
	return facts;
}

/** The peer's chain below its own certificate, one line each (-v). */
function chainLines(socket: TLSSocket): string[] {
	const lines: string[] = [];
	const seen = new Set<string>();
	let certificate: PeerCertificate | undefined = socket.getPeerCertificate(true);
	for (let depth = 0; hasCertificate(certificate) && !seen.has(certificate.fingerprint256); depth++) {
		seen.add(certificate.fingerprint256);
		lines.push(
			`  chain ${depth}: subject ${formatName(certificate.subject)}; issuer ${formatName(certificate.issuer)}; expires ${formatCertificateDate(certificate.valid_to)}`,
		);
		certificate = (certificate as {issuerCertificate?: PeerCertificate}).issuerCertificate;
	}
	return lines;
}

export interface TlsStatusLine {
	level: 'info' | 'verbose' | 'warning';
	text: string;
}

/** The lines printed after a handshake with `peer` (`#3 127.0.0.1:4433`). */
export function describeHandshake(peer: string, facts: TlsFacts, socket: TLSSocket, now = Date.now()): TlsStatusLine[] {
	const alpn = facts.alpn ? `, ALPN ${facts.alpn}` : '';
	const certificate = facts.peerCertificate;
	const who = certificate
		? `; peer certificate: subject ${certificate.subject}; issuer ${certificate.issuer}; expires ${certificate.validTo}`
		: '; no peer certificate';
	const lines: TlsStatusLine[] = [{level: 'info', text: `TLS with ${peer}: ${facts.version}, ${facts.cipher}${alpn}${who}`}];
	if (certificate) {
		for (const text of chainLines(socket)) lines.push({level: 'verbose', text});
		const left = Date.parse(certificate.validTo.replace(' UTC', 'Z').replace(' ', 'T')) - now;
		if (left < expiryWarningDays * dayMs) {
			const when = left <= 0 ? 'has expired' : `expires in ${Math.max(1, Math.floor(left / dayMs))} day(s)`;
			lines.push({
				level: 'warning',
				text: `warning: the TLS certificate of ${peer} (${certificate.subject}) ${when}, on ${certificate.validTo}`,
			});
		}
	}
	return lines;
}
