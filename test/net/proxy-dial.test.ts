// The proxy dialers against scripted proxies on loopback: replies microsocks and tinyproxy do not
// give on demand (a SOCKS5 "host unreachable", a proxy that never answers, bytes right after the
// CONNECT reply).
import assert from 'node:assert/strict';
import {once} from 'node:events';
import net from 'node:net';
import {test, type TestContext} from 'node:test';
import {dialViaProxy} from '../../source/net/proxy-dial.js';
import type {ProxySpec} from '../../source/proxy-options.js';
import {wrapSocket} from '../helpers/peers.js';

/** A proxy that runs `script` on each connection. */
async function scriptedProxy(t: TestContext, script: (socket: net.Socket) => void): Promise<number> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer({allowHalfOpen: true}, socket => {
		sockets.add(socket);
		socket.on('error', () => {});
		script(socket);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	t.after(() => {
		for (const socket of sockets) socket.destroy();
		server.close();
	});
	return (server.address() as net.AddressInfo).port;
}

function spec(port: number, type: ProxySpec['type']): ProxySpec {
	return {host: '127.0.0.1', port, type, dns: 'remote', text: `127.0.0.1:${port}`};
}

/** A SOCKS5 server that accepts no-auth and answers every CONNECT with `reply`. */
function socks5Replying(reply: number): (socket: net.Socket) => void {
	return socket => {
		let stage = 0;
		socket.on('data', () => {
			if (stage++ === 0) socket.write(Buffer.from([5, 0]));
			else socket.write(Buffer.from([5, reply, 0, 1, 0, 0, 0, 0, 0, 0]));
		});
	};
}

test('a SOCKS5 refusal names the proxy, the target, the reason and the reply code', async t => {
	const port = await scriptedProxy(t, socks5Replying(4));
	await assert.rejects(dialViaProxy(spec(port, 'socks5'), {host: 'example.com', port: 443}), {
		message: `proxy 127.0.0.1:${port} refused the connection to example.com:443: host unreachable (SOCKS5 reply 4)`,
	});
});

for (const type of ['socks5', 'socks4', 'http'] as const) {
	test(`${type}: the connect timeout covers the handshake with a proxy that never answers`, async t => {
		const port = await scriptedProxy(t, () => {});
		const started = Date.now();
		await assert.rejects(dialViaProxy(spec(port, type), {host: '127.0.0.1', port: 80}, {timeoutMs: 300}), (error: Error) => {
			assert.match(
				error.message,
				new RegExp(
					`^proxy 127\\.0\\.0\\.1:${port}: no (SOCKS5|SOCKS4|HTTP CONNECT) tunnel to 127\\.0\\.0\\.1:80 within the connect timeout$`,
				),
			);
			return true;
		});
		// Loose: it must not wait for the library's or the OS's own, much longer, time-outs.
		assert.ok(Date.now() - started < 5000);
	});

	test(`${type}: a proxy that half-closes during the handshake is an error, not a hang`, async t => {
		const port = await scriptedProxy(t, socket => socket.once('data', () => socket.end()));
		await assert.rejects(dialViaProxy(spec(port, type), {host: '127.0.0.1', port: 80}), {
			message: new RegExp(
				`^proxy 127\\.0\\.0\\.1:${port} closed the connection during the (SOCKS5|SOCKS4|HTTP CONNECT) (handshake|exchange)`,
			),
		});
	});
}

test('HTTP CONNECT: bytes sent with the 200 reply reach whoever reads the tunnel', async t => {
	let request = '';
	const port = await scriptedProxy(t, socket => {
		socket.on('data', (chunk: Buffer) => {
			request += chunk.toString('latin1');
			if (request.includes('\r\n\r\n')) socket.write('HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\nEARLY BYTES');
		});
	});
	const socket = await dialViaProxy({...spec(port, 'http'), auth: {user: 'crab', password: 'pw'}}, {host: '::1', port: 8443});
	t.after(() => socket.destroy());
	assert.match(request, /^CONNECT \[::1\]:8443 HTTP\/1\.1\r\nHost: \[::1\]:8443\r\n/);
	assert.match(request, new RegExp(`Proxy-Authorization: Basic ${Buffer.from('crab:pw').toString('base64')}\r\n`));
	const tunnel = wrapSocket(socket);
	assert.equal((await tunnel.waitFor(11)).toString(), 'EARLY BYTES');
});

test('HTTP CONNECT: a reason phrase with control bytes is shown escaped', async t => {
	const port = await scriptedProxy(t, socket => socket.once('data', () => socket.write('HTTP/1.0 502 Bad\x1b[2J Gateway\r\n\r\n')));
	await assert.rejects(dialViaProxy(spec(port, 'http'), {host: 'example.com', port: 443}), {
		message: `proxy 127.0.0.1:${port} refused the connection to example.com:443: HTTP 502 Bad?[2J Gateway`,
	});
});

test('--proxy-dns local: the proxy is asked for the address, and each address is tried', async t => {
	const asked: string[] = [];
	const port = await scriptedProxy(t, socket => {
		let stage = 0;
		socket.on('data', (chunk: Buffer) => {
			if (stage++ === 0) return void socket.write(Buffer.from([5, 0]));
			// Address type 1 (IPv4) carries 4 bytes; 4 (IPv6) 16: never 3 (a name).
			asked.push(chunk[3] === 1 ? [...chunk.subarray(4, 8)].join('.') : chunk[3] === 4 ? 'v6' : 'name');
			socket.write(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0]));
		});
	});
	await assert.rejects(dialViaProxy({...spec(port, 'socks5'), dns: 'local'}, {host: 'localhost', port: 9}, {family: 4}));
	assert.deepEqual(asked, ['127.0.0.1']);
});

test('SOCKS4: a name goes as SOCKS4a with the user id; reply 91 is named', async t => {
	let request: Buffer = Buffer.alloc(0);
	let grant = true;
	const port = await scriptedProxy(t, socket => {
		socket.once('data', (chunk: Buffer) => {
			request = chunk;
			socket.write(Buffer.from([0, grant ? 0x5a : 0x5b, 0, 0, 0, 0, 0, 0]));
			if (grant) socket.write('tunnel up');
		});
	});
	const socket = await dialViaProxy({...spec(port, 'socks4'), auth: {user: 'ident', password: ''}}, {host: 'far.example', port: 8080});
	t.after(() => socket.destroy());
	// VN 4, CD 1, port, 0.0.0.1 (SOCKS4a), user id, NUL, name, NUL.
	assert.deepEqual(request, Buffer.concat([Buffer.from([4, 1, 0x1f, 0x90, 0, 0, 0, 1]), Buffer.from('ident\0far.example\0')]));
	assert.equal((await wrapSocket(socket).waitFor(9)).toString(), 'tunnel up');
	grant = false;
	await assert.rejects(dialViaProxy(spec(port, 'socks4'), {host: '127.0.0.1', port: 80}), {
		message: `proxy 127.0.0.1:${port} refused the connection to 127.0.0.1:80: request rejected or failed (SOCKS4 reply 91)`,
	});
});
