// HTTP CONNECT (RFC 9110 9.3.6) over a socket already connected to the proxy: one request, one
// response head, and from then on the socket is the tunnel. Small enough to write here.
import {formatAddress} from '../address.js';
import {ProxyStageError, type ProxyHandshake} from './proxy-stage.js';

/** A response head larger than this is no proxy talking. */
const maxHeadBytes = 16 * 1024;

export const httpConnectHandshake: ProxyHandshake = (socket, request) =>
	new Promise((resolve, reject) => {
		const authority = formatAddress(request.host, request.port);
		const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
		if (request.auth)
			lines.push(`Proxy-Authorization: Basic ${Buffer.from(`${request.auth.user}:${request.auth.password}`).toString('base64')}`);
		let head = Buffer.alloc(0);
		const cleanup = () => {
			socket.removeListener('readable', onReadable);
			socket.removeListener('close', onClose);
			socket.removeListener('error', onError);
		};
		const fail = (error: Error) => {
			cleanup();
			socket.destroy();
			reject(error);
		};
		const onError = (error: Error) => fail(error);
		const onClose = () => fail(new ProxyStageError('closed the connection during the HTTP CONNECT exchange'));
		// 'readable' and read(), not 'data': bytes past the head stay in the socket for the route.
		const onReadable = () => {
			let chunk: Buffer | null;
			while ((chunk = socket.read() as Buffer | null) !== null) {
				head = Buffer.concat([head, chunk]);
				const end = head.indexOf('\r\n\r\n');
				if (end === -1) {
					if (head.length > maxHeadBytes) fail(new ProxyStageError('sent an HTTP response head larger than 16 KiB'));
					continue;
				}
				const rest = head.subarray(end + 4);
				cleanup();
				if (rest.length > 0) socket.unshift(rest);
				const outcome = judge(head.subarray(0, end).toString('latin1'), request.auth !== undefined);
				if (outcome) {
					socket.destroy();
					reject(outcome);
				} else {
					resolve();
				}
				return;
			}
		};
		socket.on('readable', onReadable);
		socket.once('close', onClose);
		socket.once('error', onError);
		socket.write(`${lines.join('\r\n')}\r\n\r\n`);
	});

/** undefined when the tunnel is open, else the error naming what the proxy said. */
function judge(head: string, withAuth: boolean): ProxyStageError | undefined {
	const statusLine = head.split('\r\n', 1)[0] ?? '';
	const match = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(statusLine);
	if (!match) return new ProxyStageError(`answered with something that is not HTTP: ${JSON.stringify(statusLine.slice(0, 60))}`);
	const status = Number(match[1]);
	const reason = `HTTP ${status}${match[2] ? ` ${printable(match[2])}` : ''}`;
	if (status >= 200 && status < 300) return undefined;
	if (status === 407) {
		return new ProxyStageError(
			withAuth ? `refused the credentials (${reason})` : `wants credentials (${reason}): give --proxy-auth USER:PASS`,
		);
	}
	return new ProxyStageError(reason, {refusedTarget: true});
}

/** The proxy's reason phrase reaches the terminal: keep it to printable ASCII. */
function printable(text: string): string {
	return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}
