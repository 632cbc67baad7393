// netcrab-tui as a TLS client against openssl s_server: data both ways, verification (on by
// default, --tls-ca, --tls-insecure), failure reasons, ALPN, client certificates, expiry warning.
// What the peers do in the same spot (ncat 7.93, socat 1.7.4, checked by hand against s_server):
// - a self-signed server and no CA: `ncat --ssl` connects without a word (it verifies only with
//   --ssl-verify); socat OPENSSL (verify=1 by default) fails with "SSL_connect(): ...
//   certificate verify failed". We fail as socat does, with the reason in words and what to add.
// - host name mismatch: socat refuses ("certificate is valid but its commonName does not match
//   hostname"), ncat does not look; we refuse and name the names.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, test} from 'node:test';
import {runCli, startCliFor} from '../helpers/cli.js';
import {startSServer} from '../helpers/openssl-peers.js';
import {connectPeer, sha256} from '../helpers/peers.js';
import {makeTestCertificates, opensslMissing, type TestCertificates} from '../helpers/tls-certs.js';

const skip = opensslMissing();
let certs: TestCertificates;
before(() => {
	if (!skip) certs = makeTestCertificates();
});
after(() => certs?.remove());

test('client to s_server with --tls-ca: 1 MiB each way, byte-exact, facts on stderr', {skip}, async t => {
	const {port, server} = await startSServer(t, certs.server);
	const toServer = randomBytes(1 << 20);
	const toClient = randomBytes(1 << 20);
	server.child.stdin!.write(toClient);
	const client = startCliFor(t, ['--no-tui', `tls:localhost:${port}`, '--tls-ca', certs.ca]);
	client.child.stdin!.write(toServer);
	await client.waitForStderr(
		/TLS with 127\.0\.0\.1:\d+: TLSv1\.3, TLS_\w+; peer certificate: subject CN=localhost; issuer CN=netcrab test CA; expires \d{4}-/,
	);
	assert.equal(sha256(await server.waitForStdout(toServer.length)), sha256(toServer));
	assert.equal(sha256(await client.waitForStdout(toClient.length)), sha256(toClient));
	// Our end of input is close_notify then FIN; s_server answers by closing, and the run ends.
	client.child.stdin!.end();
	assert.equal((await client.exit).code, 0);
	assert.match(client.stderr(), /Connected from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+, protocol TLS/);
	// A FIN without close_notify makes s_server report "unexpected eof while reading": once for
	// startSServer's port probe (a bare connect), and never for our session.
	assert.equal(server.stderr().match(/unexpected eof/g)?.length, 1, server.stderr());
});

test('plain in, TLS out: -L tcp:... -f channels tls:... relays both ways', {skip}, async t => {
	const {port, server} = await startSServer(t, certs.server);
	const relay = startCliFor(t, ['--no-tui', '-L', 'tcp:127.0.0.1:0', '-f', 'channels', `tls:localhost:${port}`, '--tls-ca', certs.ca]);
	const relayPort = await relay.listeningPort();
	await relay.waitForStderr(/TLS with 127\.0\.0\.1:\d+: TLSv1\.3/);
	// Channels pair peers of different hosts: the plain client comes from 127.0.0.2.
	const plain = await connectPeer(relayPort, '127.0.0.1', '127.0.0.2');
	const toServer = randomBytes(256 << 10);
	plain.socket.write(toServer);
	assert.equal(sha256(await server.waitForStdout(toServer.length)), sha256(toServer));
	server.child.stdin!.write('pong\n');
	assert.equal((await plain.waitFor(5)).toString(), 'pong\n');
});

test('without --tls-ca a self-signed server is refused: one line naming the reason, exit 1', {skip}, async t => {
	const {port} = await startSServer(t, certs.selfSigned);
	const {code, stderr} = await runCli([`tls:127.0.0.1:${port}`]);
	assert.equal(code, 1);
	assert.equal(stderr.trim().split('\n').length, 1, stderr);
	assert.match(
		stderr,
		/^netcrab-tui: cannot connect to tls:127\.0\.0\.1:\d+: TLS handshake failed: unknown CA: the certificate is self-signed \(add --tls-ca FILE with the CA, or --tls-insecure to skip the check\)\n$/,
	);
});

test('an unknown CA, an expired certificate and a wrong host name each get their own reason', {skip}, async t => {
	const unknown = await startSServer(t, certs.server);
	const expired = await startSServer(t, certs.expired);
	const other = await startSServer(t, certs.otherName);
	const results = await Promise.all([
		runCli([`tls:localhost:${unknown.port}`]),
		runCli([`tls:localhost:${expired.port}`, '--tls-ca', certs.ca]),
		runCli([`tls:localhost:${other.port}`, '--tls-ca', certs.ca]),
	]);
	assert.deepEqual(
		results.map(result => result.code),
		[1, 1, 1],
	);
	assert.match(results[0]!.stderr, /TLS handshake failed: unknown CA: /);
	assert.match(results[1]!.stderr, /TLS handshake failed: certificate expired/);
	assert.match(
		results[2]!.stderr,
		/TLS handshake failed: host name mismatch: Host: localhost\. is not in the cert's altnames: DNS:example\.invalid/,
	);
});

test('--tls-insecure connects anyway, warns once at start and names what it skipped', {skip}, async t => {
	const {port, server} = await startSServer(t, certs.expired);
	const client = startCliFor(t, ['--no-tui', '--tls', `127.0.0.1:${port}`, '--tls-insecure']);
	client.child.stdin!.write('hello over unverified TLS\n');
	await server.waitForStdout(26);
	await client.waitForStderr(/warning: the TLS certificate of 127\.0\.0\.1:\d+ is not verified \(--tls-insecure\): certificate expired/);
	assert.match(client.stderr(), /warning: --tls-insecure: server certificates are not verified/);
	assert.match(client.stderr(), /warning: the TLS certificate of .* has expired/);
});

test('ALPN: the protocol s_server picks is shown', {skip}, async t => {
	const {port} = await startSServer(t, certs.server, ['-alpn', 'h2,http/1.1']);
	const client = startCliFor(t, ['--no-tui', `tls:localhost:${port}`, '--tls-ca', certs.ca, '--alpn', 'x-unknown,http/1.1']);
	await client.waitForStderr(/TLS with 127\.0\.0\.1:\d+: TLSv1\.3, \w+, ALPN http\/1\.1;/);
});

test('--tls-servername sets SNI and the name checked; a certificate expiring within 14 days warns', {skip}, async t => {
	const {port, server} = await startSServer(t, certs.otherName, [
		'-servername',
		'localhost',
		'-cert2',
		certs.expiringSoon.cert,
		'-key2',
		certs.expiringSoon.key,
	]);
	// Dialled by address (no SNI by default), named by --tls-servername: s_server picks the
	// localhost certificate only because the name arrived as SNI.
	const client = startCliFor(t, ['--no-tui', `tls:127.0.0.1:${port}`, '--tls-ca', certs.ca, '--tls-servername', 'localhost']);
	await client.waitForStderr(/warning: the TLS certificate of 127\.0\.0\.1:\d+ \(CN=localhost\) expires in [45] day\(s\)/);
	client.child.stdin!.write('sni\n');
	await server.waitForStdout(4);
});

test('client certificate: s_server -Verify 1 accepts ours and sees its subject', {skip}, async t => {
	const {port, server} = await startSServer(t, certs.server, ['-Verify', '1', '-CAfile', certs.ca]);
	const client = startCliFor(t, [
		'--no-tui',
		`tls:localhost:${port}`,
		'--tls-ca',
		certs.ca,
		'--tls-cert',
		certs.client.cert,
		'--tls-key',
		certs.client.key,
	]);
	client.child.stdin!.write('with a client certificate\n');
	assert.equal((await server.waitForStdout(26)).toString(), 'with a client certificate\n');
	assert.match(server.stderr(), /depth=0 CN = netcrab test client/);
});

test('unreadable or bad TLS files: one line, exit 1', {skip}, async () => {
	const missing = await runCli(['tls:127.0.0.1:1', '--tls-ca', '/nonexistent/ca.pem']);
	assert.equal(missing.code, 1);
	assert.equal(missing.stderr, 'netcrab-tui: cannot read --tls-ca /nonexistent/ca.pem: no such file or directory (ENOENT)\n');
	const bad = await runCli(['tls:127.0.0.1:1', '--tls-cert', certs.server.key, '--tls-key', certs.server.key]);
	assert.equal(bad.code, 1);
	assert.match(bad.stderr, /^netcrab-tui: bad --tls-cert .* \/ --tls-key .*: .+\n$/);
});
