// TLS inside a SOCKS5 tunnel (microsocks) to openssl s_server: the proxy carries the TLS bytes, the
// certificate is verified against the target's name as without a proxy (ncat cannot do this).
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {after, before, test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {freePort, startSServer, waitForPort} from '../helpers/openssl-peers.js';
import {sha256} from '../helpers/peers.js';
import {makeTestCertificates, opensslMissing, type TestCertificates} from '../helpers/tls-certs.js';

const skip =
	opensslMissing() ||
	(spawnSync('sh', ['-c', 'command -v microsocks']).status === 0 ? false : 'microsocks is not installed (.ci/run installs it)');
let certs: TestCertificates;
before(() => {
	if (!skip) certs = makeTestCertificates();
});
after(() => certs?.remove());

test('tls: target through a SOCKS5 proxy to s_server: verified, byte-exact both ways', {skip}, async t => {
	const {port, server} = await startSServer(t, certs.server);
	const proxyPort = await freePort();
	const proxy = spawn('microsocks', ['-i', '127.0.0.1', '-p', String(proxyPort)], {stdio: 'ignore'});
	t.after(() => proxy.kill('SIGKILL'));
	await waitForPort(proxyPort);
	const toServer = randomBytes(300_000);
	const toClient = randomBytes(200_000);
	server.child.stdin!.write(toClient);
	const client = startCliFor(t, ['--no-tui', '--proxy', `127.0.0.1:${proxyPort}`, `tls:localhost:${port}`, '--tls-ca', certs.ca]);
	client.child.stdin!.write(toServer);
	await client.waitForStderr(/TLSv1\.3, TLS_\w+; peer certificate: subject CN=localhost/);
	assert.equal(sha256(await server.waitForStdout(toServer.length)), sha256(toServer));
	assert.equal(sha256(await client.waitForStdout(toClient.length)), sha256(toClient));
});
