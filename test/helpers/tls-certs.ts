// Certificates for TLS tests, made with the openssl program in a temporary folder: a test CA, a
// server certificate signed by it (localhost, 127.0.0.1), variants (expiring in 5 days, expired,
// for another name, self-signed) and a client certificate.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export interface TestCertificates {
	dir: string;
	ca: string;
	/** Signed by `ca`, for localhost and 127.0.0.1. */
	server: {cert: string; key: string};
	/** The same names, valid for 5 more days only. */
	expiringSoon: {cert: string; key: string};
	/** The same names, valid in January 2020 only. */
	expired: {cert: string; key: string};
	/** Signed by `ca`, for example.invalid only. */
	otherName: {cert: string; key: string};
	/** Signed by `ca`, for client authentication. */
	client: {cert: string; key: string};
	/** Self-signed, for localhost and 127.0.0.1. */
	selfSigned: {cert: string; key: string};
	/** A client certificate nobody signed. */
	strangerClient: {cert: string; key: string};
	remove(): void;
}

export function opensslMissing(): string | false {
	return spawnSync('sh', ['-c', 'command -v openssl']).status === 0 ? false : 'openssl is not installed (.ci/run installs it)';
}

export function makeTestCertificates(): TestCertificates {
	const dir = mkdtempSync(path.join(tmpdir(), 'netcrab-tls-'));
	const file = (name: string) => path.join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});
	const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
	openssl(
		'req',
		'-x509',
		...newKey,
		'-keyout',
		'ca.key',
		'-out',
		'ca.pem',
		'-days',
		'30',
		'-subj',
		'/CN=netcrab test CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	);
	writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
	writeFileSync(file('other.ext'), 'subjectAltName=DNS:example.invalid\nextendedKeyUsage=serverAuth\n');
	writeFileSync(file('client.ext'), 'extendedKeyUsage=clientAuth\n');
	let serial = 1;
	const signed = (name: string, subject: string, ext: string, days: number, ca = {cert: 'ca.pem', key: 'ca.key'}) => {
		openssl('req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
		openssl(
			'x509',
			'-req',
			'-in',
			`${name}.csr`,
			'-CA',
			ca.cert,
			'-CAkey',
			ca.key,
			'-set_serial',
			String(++serial),
			'-days',
			String(days),
			'-extfile',
			ext,
			'-out',
			`${name}.pem`,
		);
		return {cert: file(`${name}.pem`), key: file(`${name}.key`)};
	};
	const server = signed('server', '/CN=localhost', 'server.ext', 365);
	const expiringSoon = signed('soon', '/CN=localhost', 'server.ext', 5);
	const otherName = signed('other', '/CN=example.invalid', 'other.ext', 365);
	const client = signed('client', '/CN=netcrab test client', 'client.ext', 365);
	openssl(
		'req',
		'-x509',
		...newKey,
		'-keyout',
		'self.key',
		'-out',
		'self.pem',
		'-days',
		'30',
		'-subj',
		'/CN=localhost',
		'-addext',
		'subjectAltName=DNS:localhost,IP:127.0.0.1',
	);
	openssl('req', '-x509', ...newKey, '-keyout', 'stranger.key', '-out', 'stranger.pem', '-days', '30', '-subj', '/CN=stranger');
	// Dates in the past need `openssl ca` (x509 -days only goes forward).
	writeFileSync(file('index.txt'), '');
	writeFileSync(file('serial'), '40\n');
	writeFileSync(
		file('ca.cnf'),
		`[ca]\ndefault_ca = test\n[test]\ndatabase = ${file('index.txt')}\nnew_certs_dir = ${dir}\nserial = ${file('serial')}\ndefault_md = sha256\npolicy = any\ncopy_extensions = copy\n[any]\ncommonName = supplied\n`,
	);
	openssl(
		'req',
		...newKey,
		'-keyout',
		'expired.key',
		'-out',
		'expired.csr',
		'-subj',
		'/CN=localhost',
		'-addext',
		'subjectAltName=DNS:localhost,IP:127.0.0.1',
	);
	openssl(
		'ca',
		'-batch',
		'-config',
		'ca.cnf',
		'-in',
		'expired.csr',
		'-cert',
		'ca.pem',
		'-keyfile',
		'ca.key',
		'-startdate',
		'20200101000000Z',
		'-enddate',
		'20200201000000Z',
		'-notext',
		'-out',
		'expired.pem',
	);
	return {
		dir,
		ca: file('ca.pem'),
		server,
		expiringSoon,
		expired: {cert: file('expired.pem'), key: file('expired.key')},
		otherName,
		client,
		selfSigned: {cert: file('self.pem'), key: file('self.key')},
		strangerClient: {cert: file('stranger.pem'), key: file('stranger.key')},
		remove: () => rmSync(dir, {recursive: true, force: true}),
	};
}
