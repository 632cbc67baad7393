// A failed TLS handshake -> one short reason a person can act on. OpenSSL's own text
// ("error:0A00010B:SSL routines:ssl3_get_record:wrong version number") says too little to too few.

interface TlsError {
	code?: string;
	reason?: string;
	message?: string;
}

const unknownCa = 'unknown CA';
const caHint = ' (add --tls-ca FILE with the CA, or --tls-insecure to skip the check)';

const reasons: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: `${unknownCa}: the certificate is self-signed${caHint}`,
	SELF_SIGNED_CERT_IN_CHAIN: `${unknownCa}: a self-signed certificate in the chain${caHint}`,
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `${unknownCa}: the issuer is not a trusted CA${caHint}`,
	UNABLE_TO_GET_ISSUER_CERT: `${unknownCa}: the issuer is not a trusted CA${caHint}`,
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: `${unknownCa}: cannot verify the certificate's issuer${caHint}`,
	CERT_HAS_EXPIRED: 'certificate expired',
	CERT_NOT_YET_VALID: 'certificate not yet valid',
	CERT_REVOKED: 'certificate revoked',
	INVALID_PURPOSE: 'the certificate is not meant for this use (key usage)',
	CERT_SIGNATURE_FAILURE: 'bad certificate signature',
	ERR_SSL_WRONG_VERSION_NUMBER: 'the peer does not speak TLS (wrong version number)',
	ERR_SSL_HTTP_REQUEST: 'the peer sent plain HTTP, not TLS',
	ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the peer does not speak TLS (bad record length)',
	ERR_SSL_UNSUPPORTED_PROTOCOL: 'no TLS version in common',
	ERR_SSL_UNSUPPORTED_SSL_VERSION: 'no TLS version in common',
	ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'no TLS version in common (the peer said protocol version)',
	ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'no TLS version in common',
	ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'the peer refused the handshake (handshake failure alert)',
	ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'the peer rejected the certificate (bad certificate alert)',
	ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the peer rejected the certificate: unknown CA',
	ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'the peer rejected the certificate: expired',
	ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'the peer requires a client certificate (add --tls-cert and --tls-key)',
	ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE: 'no client certificate was sent',
	ERR_SSL_NO_APPLICATION_PROTOCOL: 'no ALPN protocol in common',
	ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: 'no ALPN protocol in common',
	ERR_TLS_HANDSHAKE_TIMEOUT: 'handshake timed out',
	ECONNRESET: 'connection reset during the handshake',
	EPIPE: 'connection closed during the handshake',
};

export function describeTlsFailure(error: unknown, {hint = true}: {hint?: boolean} = {}): string {
	const {code, reason, message} = (error ?? {}) as TlsError;
	// Node's host name check: "Host: x. is not in the cert's altnames: DNS:y".
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `host name mismatch: ${reason ?? message ?? ''}`.replace(/[\s.:]+$/, '');
	if (code && reasons[code]) return hint ? reasons[code]! : reasons[code]!.replace(caHint, '');
	if (message?.includes('socket disconnected before secure TLS connection')) return 'connection closed during the handshake';
	if (code?.startsWith('ERR_SSL_')) return code.slice('ERR_SSL_'.length).toLowerCase().replaceAll('_', ' ');
	if (code) return `${message ?? code} (${code})`;
	return message ?? String(error);
}
