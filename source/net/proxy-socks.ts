// SOCKS5 (RFC 1928, user/password RFC 1929) and SOCKS4/4a over a socket already connected to the
// proxy, through the `socks` package (maintained, MIT, two small dependencies; it speaks the
// protocol, we own the socket and the timeout). Its errors are strings: the reply code is read back
// from them so the message can name it. Loaded on first use, so runs without a SOCKS proxy never
// compile it.
import {ProxyStageError, type ProxyHandshake} from './proxy-stage.js';

/** RFC 1928 section 6. */
const socks5Replies: Record<string, [number, string]> = {
	Failure: [1, 'general SOCKS server failure'],
	NotAllowed: [2, 'connection not allowed by ruleset'],
	NetworkUnreachable: [3, 'network unreachable'],
	HostUnreachable: [4, 'host unreachable'],
	ConnectionRefused: [5, 'connection refused'],
	TTLExpired: [6, 'TTL expired'],
	CommandNotSupported: [7, 'command not supported'],
	AddressNotSupported: [8, 'address type not supported'],
};

const socks4Replies: Record<string, [number, string]> = {
	Failed: [91, 'request rejected or failed'],
	Rejected: [92, 'rejected: the proxy cannot reach identd on this host'],
	RejectedIdent: [93, 'rejected: identd reports a different user id'],
};

export function socksHandshake(version: 4 | 5): ProxyHandshake {
	const name = `SOCKS${version}`;
	return async (socket, request) => {
		if (version === 4 && request.host.includes(':')) {
			socket.destroy();
			throw new ProxyStageError(`${name} carries IPv4 addresses and names only, not ${request.host}`, {refusedTarget: true});
		}
		try {
			// A CommonJS package: bundled, its import() has only `default` (Node's own adds the names too).
			const {SocksClient} = (await import('socks')).default;
			await SocksClient.createConnection({
				command: 'connect',
				// SOCKS4 with a name becomes SOCKS4a; SOCKS5 with a name sends it as a domain name.
				destination: {host: request.host, port: request.port},
				proxy: {
					host: socket.remoteAddress ?? '0.0.0.0',
					port: socket.remotePort ?? 0,
					type: version,
					...(request.auth ? {userId: request.auth.user, ...(version === 5 ? {password: request.auth.password} : {})} : {}),
				},
				existing_socket: socket,
				// The caller's deadline covers the handshake; this only stops the library's 30 s default.
				timeout: 2_147_483_647,
			});
		} catch (error) {
			socket.destroy();
			throw translate(error, name, request.auth !== undefined);
		}
	};
}

function translate(error: unknown, name: string, withAuth: boolean): ProxyStageError {
	const message = error instanceof Error ? error.message : String(error);
	const reply = /rejected connection - \(?(\w+)\)?/i.exec(message)?.[1];
	const known = reply ? (name === 'SOCKS5' ? socks5Replies : socks4Replies)[reply] : undefined;
	if (known) return new ProxyStageError(`${known[1]} (${name} reply ${known[0]})`, {refusedTarget: true});
	if (/Authentication failed/i.test(message)) return new ProxyStageError(`refused the credentials (${name} user/password)`);
	if (/no accepted authentication type/i.test(message)) {
		return new ProxyStageError(
			withAuth ? `accepts none of our ${name} authentication methods` : `wants credentials (${name}): give --proxy-auth USER:PASS`,
		);
	}
	if (/Socket closed/i.test(message)) return new ProxyStageError(`closed the connection during the ${name} handshake`);
	if (/invalid/i.test(message)) return new ProxyStageError(`does not speak ${name} (${message})`);
	return new ProxyStageError(`failed the ${name} handshake: ${message}`);
}
