// netcrab-tui as a TLS server and terminator, with openssl s_client as the client: a given
// certificate, a self-signed one made at start (fingerprint), a failed handshake that disturbs
// nothing else, client certificates required, and the relay `-L tls:... -f channels tcp:...`.
// Peers in the same spot (ncat 7.93, socat 1.7.4, checked by hand): a plain client sending bytes
// to `ncat --ssl -l` or socat OPENSSL-LISTEN makes each log an OpenSSL error string; ncat -lk and
// socat ...,fork go on serving. We print one line with the reason and go on serving.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {after, before, test, type TestContext} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {spawnPeer} from '../helpers/openssl-peers.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';
import {makeTestCertificates, opensslMissing, type TestCertificates} from '../helpers/tls-certs.js';

const skip = opensslMissing();
const missing = (tool: string) =>
	spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0 ? false : `${tool} is not installed (.ci/run installs it)`;
let certs: TestCertificates;
before(() => {
	if (!skip) certs = makeTestCertificates();
});
after(() => certs?.remove());

/** `openssl s_client` with -quiet: only the server's bytes on stdout; it ends when the server closes. */
function sClient(t: TestContext, port: number, args: string[]) {
	return spawnPeer(t, 'openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-quiet', '-verify_return_error', ...args]);
}

test('server with --tls-cert/--tls-key: s_client verifies it, 1 MiB each way, byte-exact', {skip}, async t => {
	const server = startCliFor(t, ['--no-tui', '-l', 'tls:127.0.0.1:0', '--tls-cert', certs.server.cert, '--tls-key', certs.server.key]);
	const port = await server.listeningPort();
	assert.match(server.stderr(), /Listening on 127\.0\.0\.1:\d+, protocol TLS, family IPv4/);
	const toServer = randomBytes(1 << 20);
	const toClient = randomBytes(1 << 20);
	server.child.stdin!.write(toClient);
	const client = sClient(t, port, ['-CAfile', certs.ca, '-verify_hostname', 'localhost']);
	client.child.stdin!.write(toServer);
	assert.equal(sha256(await server.waitForStdout(toServer.length)), sha256(toServer));
	assert.equal(sha256(await client.waitForStdout(toClient.length)), sha256(toClient));
	await server.waitForStderr(/Accepted connection from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+, protocol TLS/);
	await server.waitForStderr(/TLS with 127\.0\.0\.1:\d+: TLSv1\.3, \w+; no peer certificate/);
	// End of our input: close_notify then FIN; s_client leaves, and -l ends the run.
	server.child.stdin!.end();
	assert.equal(await client.exit, 0);
	assert.equal((await server.exit).code, 0);
});

test('server without a certificate: the printed SHA256 fingerprint is the one s_client sees', {skip}, async t => {
	const server = startCliFor(t, ['--no-tui', '-L', 'tls:127.0.0.1:0']);
	const port = await server.listeningPort();
	const [, printed] = await server.waitForStderr(/^SHA256 Fingerprint: ([0-9A-F:]{95})$/m);
	assert.match(server.stderr(), /TLS certificate: self-signed, made at start for localhost, 127\.0\.0\.1, ::1, valid until/);
	const client = spawnPeer(t, 'openssl', ['s_client', '-connect', `127.0.0.1:${port}`]);
	client.child.stdin!.end();
	await client.exit;
	const pem = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/.exec(client.stdout().toString())![0];
	const seen = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], {input: pem}).toString();
	assert.equal(seen.trim().split('=')[1], printed);
	// The certificate names the listen address, so a client that pins it can verify the name too.
	const verified = execFileSync('openssl', ['x509', '-noout', '-checkip', '127.0.0.1'], {input: pem}).toString();
	assert.match(verified, /does match certificate/);
});

test('a plain client sending bytes to a TLS listener: one line with the reason, the next client is served', {skip}, async t => {
	const server = startCliFor(t, ['--no-tui', '-L', 'tls:127.0.0.1:0', '--tls-cert', certs.server.cert, '--tls-key', certs.server.key]);
	const port = await server.listeningPort();
	const plain = await connectPeer(port);
	plain.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
	await plain.ended;
	const garbage = await connectPeer(port);
	garbage.socket.write('hello, not TLS at all\n');
	await garbage.ended;
	await server.waitForStderr(/TLS handshake with 127\.0\.0\.1:\d+ failed: the peer does not speak TLS/);
	const client = sClient(t, port, ['-CAfile', certs.ca]);
	client.child.stdin!.write('after the garbage\n');
	await server.waitForStdout(18);
	const failures = server
		.stderr()
		.split('\n')
		.filter(line => /failed/.test(line));
	assert.deepEqual(
		failures.map(line => line.replace(/:\d+ /, ':PORT ')),
		[
			'TLS handshake with 127.0.0.1:PORT failed: the peer sent plain HTTP, not TLS',
			'TLS handshake with 127.0.0.1:PORT failed: the peer does not speak TLS (wrong version number)',
		],
	);
	assert.equal(server.stdout().toString(), 'after the garbage\n');
});

test('--tls-verify with --tls-ca: clients without a certificate or with a stranger one are refused, ours is served', {skip}, async t => {
	const server = startCliFor(t, [
		'--no-tui',
		'-L',
		'tls:127.0.0.1:0',
		'-m',
		'5',
		'--tls-cert',
		certs.server.cert,
		'--tls-key',
		certs.server.key,
		'--tls-ca',
		certs.ca,
		'--tls-verify',
	]);
	const port = await server.listeningPort();
	const without = sClient(t, port, ['-CAfile', certs.ca]);
	without.child.stdin!.write('no certificate\n');
	await server.waitForStderr(/TLS handshake with 127\.0\.0\.1:\d+ failed: no client certificate was sent/);
	await without.exit;
	const stranger = sClient(t, port, ['-CAfile', certs.ca, '-cert', certs.strangerClient.cert, '-key', certs.strangerClient.key]);
	stranger.child.stdin!.write('stranger\n');
	await server.waitForStderr(
		/TLS handshake with 127\.0\.0\.1:\d+ failed: client certificate: unknown CA: the certificate is self-signed\n/,
	);
	await stranger.exit;
	const known = sClient(t, port, ['-CAfile', certs.ca, '-cert', certs.client.cert, '-key', certs.client.key]);
	known.child.stdin!.write('known client\n');
	assert.equal((await server.waitForStdout(13)).toString(), 'known client\n');
	await server.waitForStderr(
		/TLS with 127\.0\.0\.1:\d+: TLSv1\.3, \w+; peer certificate: subject CN=netcrab test client; issuer CN=netcrab test CA/,
	);
});

test('terminator: -L tls:... -f channels tcp:... relays 1 MiB each way intact', {skip}, async t => {
	// Channels pair peers from different hosts, so the plain upstream lives on 127.0.0.2.
	const upstream = await listenPeer('127.0.0.2');
	t.after(() => upstream.close());
	const relay = startCliFor(t, [
		'--no-tui',
		'-L',
		'tls:127.0.0.1:0',
		'-f',
		'channels',
		`tcp:127.0.0.2:${upstream.port}`,
		'--tls-cert',
		certs.server.cert,
		'--tls-key',
		certs.server.key,
	]);
	const port = await relay.listeningPort();
	const toUpstream = randomBytes(1 << 20);
	const toClient = randomBytes(1 << 20);
	const client = sClient(t, port, ['-CAfile', certs.ca]);
	client.child.stdin!.write(toUpstream);
	const plain = await upstream.accepted();
	assert.equal(sha256(await plain.waitFor(toUpstream.length)), sha256(toUpstream));
	// The upstream answers and closes; its FIN reaches the TLS client as close_notify then FIN.
	plain.socket.end(toClient);
	assert.equal(await client.exit, 0);
	assert.equal(sha256(client.stdout()), sha256(toClient));
	assert.doesNotMatch(relay.stderr(), /netcrab-tui:/);
});

test('socat OPENSSL client receives 1 MiB from our TLS listener, byte-exact', {skip: skip || missing('socat')}, async t => {
	const payload = randomBytes(1 << 20);
	const server = startCliFor(t, ['--no-tui', '-l', 'tls:127.0.0.1:0', '--tls-cert', certs.server.cert, '--tls-key', certs.server.key]);
	const port = await server.listeningPort();
	server.child.stdin!.end(payload);
	const socat = spawnPeer(t, 'socat', ['-u', `OPENSSL:127.0.0.1:${port},cafile=${certs.ca}`, 'STDOUT']);
	assert.equal(await socat.exit, 0, socat.stderr());
	assert.equal(sha256(socat.stdout()), sha256(payload));
	assert.equal((await server.exit).code, 0);
});

test('ncat --ssl sends 1 MiB to our TLS listener, byte-exact', {skip: skip || missing('ncat')}, async t => {
	const payload = randomBytes(1 << 20);
	const server = startCliFor(t, ['--no-tui', '-l', 'tls:127.0.0.1:0', '--tls-cert', certs.server.cert, '--tls-key', certs.server.key]);
	const port = await server.listeningPort();
	const ncat = spawnPeer(t, 'ncat', ['--ssl', '127.0.0.1', String(port)]);
	ncat.child.stdin!.end(payload);
	assert.equal(sha256(await server.waitForStdout(payload.length)), sha256(payload));
	// ncat 7.93 with --ssl does not pass its end of input on (neither close_notify nor FIN, seen
	// by hand); the session ends when ours ends: close_notify and FIN make ncat exit.
	server.child.stdin!.end();
	assert.equal((await server.exit).code, 0);
	assert.equal(await ncat.exit, 0);
});

test('-L tls:... --fork tcp:...: a TLS terminator for many clients, each with its own upstream', {skip}, async t => {
	const upstream = await listenPeer('127.0.0.1', {answerFin: true});
	t.after(() => upstream.close());
	const relay = startCliFor(t, [
		'--no-tui',
		'-L',
		'tls:127.0.0.1:0',
		'-m',
		'5',
		'--fork',
		`tcp:127.0.0.1:${upstream.port}`,
		'--tls-cert',
		certs.server.cert,
		'--tls-key',
		certs.server.key,
	]);
	const port = await relay.listeningPort();
	const first = sClient(t, port, ['-CAfile', certs.ca]);
	first.child.stdin!.write('first client\n');
	const second = sClient(t, port, ['-CAfile', certs.ca]);
	second.child.stdin!.write('second client\n');
	const texts = [
		(await (await upstream.accepted(0)).waitFor(13)).toString(),
		(await (await upstream.accepted(1)).waitFor(13)).toString(),
	].sort();
	assert.deepEqual(texts, ['first client\n', 'second client\n']);
	// Each upstream answers its own client only.
	(await upstream.accepted(0)).socket.write('to upstream 0\n');
	(await upstream.accepted(1)).socket.write('to upstream 1\n');
	const answers = [(await first.waitForStdout(14)).toString(), (await second.waitForStdout(14)).toString()].sort();
	assert.deepEqual(answers, ['to upstream 0\n', 'to upstream 1\n']);
});
