// Flags of the reach issue: -U and unix: endpoints, --proxy*, --allow/--deny and their files.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {parseAccessFile, parseAccessSpec} from '../source/access-rules.js';
import {AccessFilter} from '../source/net/access-filter.js';
import {parseOptions, UsageError, type RawFlags} from '../source/options.js';

const parse = (flags: RawFlags, input: string[] = []) => parseOptions({tui: true, ...flags}, input);

function usageError(flags: RawFlags, input: string[], pattern: RegExp): void {
	assert.throws(
		() => parse(flags, input),
		(error: Error) => error instanceof UsageError && pattern.test(error.message),
	);
}

test('unix: endpoints are accepted next to TCP; -U makes bare addresses paths', () => {
	const relay = parse({listen: ['tcp:127.0.0.1:2375'], fm: 'channels'}, ['unix:/var/run/docker.sock']);
	assert.deepEqual(relay.targets[0], {
		kind: 'unix',
		path: '/var/run/docker.sock',
		abstract: false,
		count: 1,
		text: 'unix:/var/run/docker.sock',
	});
	const bare = parse({unix: true, listenOnce: ['/tmp/x.sock']});
	assert.deepEqual(bare.listen[0], {kind: 'unix', path: '/tmp/x.sock', abstract: false});
	usageError({unix: true, udp: true, listen: ['/tmp/x']}, [], /-U .* cannot be used with -u/);
	usageError({udp: true, listen: ['127.0.0.1:0']}, ['unix:/tmp/x'], /unix: endpoints are stream sockets/);
	// TLS over a Unix socket is not offered: said plainly rather than as a bad port.
	usageError({listen: ['tls:unix:/tmp/x.sock']}, [], /tls: does not apply to unix: endpoints/);
	usageError({}, ['tls:unix:/tmp/x.sock'], /TLS over Unix sockets is not supported/);
	usageError({}, ['tcp:unix:/tmp/x.sock'], /"tcp:" cannot be put before a unix: address/);
});

test('--proxy: defaults to SOCKS5 with names resolved at the proxy; type, auth and dns are checked', () => {
	const options = parse({proxy: '127.0.0.1:1080'}, ['example.com:443']);
	assert.deepEqual(options.proxy, {host: '127.0.0.1', port: 1080, type: 'socks5', dns: 'remote', text: '127.0.0.1:1080'});
	const http = parse({proxy: '[::1]:3128', proxyType: 'http', proxyAuth: 'user:pa:ss', proxyDns: 'local'}, ['h:1']);
	assert.deepEqual(http.proxy, {
		host: '::1',
		port: 3128,
		type: 'http',
		dns: 'local',
		auth: {user: 'user', password: 'pa:ss'},
		text: '[::1]:3128',
	});
	assert.deepEqual(parse({proxy: 'p:1', proxyType: 'socks4', proxyAuth: 'ident'}, ['h:1']).proxy?.auth, {user: 'ident', password: ''});
	usageError({proxy: 'p'}, ['h:1'], /--proxy: missing ":PORT"/);
	usageError({proxy: 'tls:p:1'}, ['h:1'], /expected HOST:PORT/);
	usageError({proxy: 'p:1', proxyType: 'socks6'}, ['h:1'], /--proxy-type: expected one of socks5, socks4, http/);
	usageError({proxy: 'p:1', proxyAuth: 'nopassword'}, ['h:1'], /expected USER:PASS/);
	usageError({proxy: 'p:1', proxyType: 'socks4', proxyAuth: 'u:p'}, ['h:1'], /SOCKS4 has a user id but no password/);
	usageError({proxy: 'p:1', proxyDns: 'maybe'}, ['h:1'], /--proxy-dns: expected one of remote, local/);
	usageError({proxyType: 'http'}, ['h:1'], /--proxy-type need --proxy/);
	usageError({proxy: 'p:1', udp: true}, ['h:1'], /--proxy carries TCP/);
	usageError({proxy: 'p:1', listen: ['127.0.0.1:0']}, [], /--proxy needs a HOST:PORT target/);
	usageError({proxy: 'p:1'}, ['127.0.0.2=h:1'], /SRC= cannot be used with --proxy/);
});

test('access specs: addresses, CIDR v4/v6, host names; typos are errors', () => {
	assert.deepEqual(parseAccessSpec('127.0.0.2'), {kind: 'address', address: '127.0.0.2', family: 4, text: '127.0.0.2'});
	assert.deepEqual(parseAccessSpec('[::1]'), {kind: 'address', address: '::1', family: 6, text: '[::1]'});
	assert.deepEqual(parseAccessSpec('10.0.0.0/8'), {kind: 'subnet', address: '10.0.0.0', prefix: 8, family: 4, text: '10.0.0.0/8'});
	assert.deepEqual(parseAccessSpec('fd00::/8'), {kind: 'subnet', address: 'fd00::', prefix: 8, family: 6, text: 'fd00::/8'});
	assert.deepEqual(parseAccessSpec('localhost'), {kind: 'host', host: 'localhost', text: 'localhost'});
	for (const [bad, pattern] of [
		['300.1.1.1', /bad address/],
		['10.1', /bad address/],
		['10.0.0.0/33', /bad prefix length/],
		['::1/129', /bad prefix length/],
		['nope/8', /bad address "nope"/],
		['host name', /bad address or host name/],
		['', /empty/],
	] as const) {
		assert.throws(() => parseAccessSpec(bad), pattern, bad);
	}
});

test('access files: one spec a line, # comments and blank lines skipped, errors name the line', () => {
	const specs = parseAccessFile('# office\n10.0.0.0/8\n\n  127.0.0.2   # the test box\r\n::1\n', 'f');
	assert.deepEqual(
		specs.map(spec => spec.text),
		['10.0.0.0/8', '127.0.0.2', '::1'],
	);
	assert.throws(
		() => parseAccessFile('127.0.0.1\n999.0.0.1\n', '--allowfile a.txt'),
		/^Error: --allowfile a.txt line 2: bad address "999.0.0.1"$/,
	);
});

test('--allow/--deny flags and files become Options; bad ones are usage errors', t => {
	const dir = mkdtempSync(join(tmpdir(), 'netcrab-acl-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	const allowFile = join(dir, 'allow.txt');
	writeFileSync(allowFile, '# loopback only\n127.0.0.0/8\n');
	const options = parse({listen: ['127.0.0.1:0'], allow: ['::1'], allowfile: [allowFile], deny: ['127.0.0.2']});
	assert.deepEqual(
		options.access?.allow.map(spec => spec.text),
		['::1', '127.0.0.0/8'],
	);
	assert.deepEqual(
		options.access?.deny.map(spec => spec.text),
		['127.0.0.2'],
	);
	assert.equal(options.access?.allowListed, true);
	assert.equal(parse({listen: ['127.0.0.1:0'], deny: ['127.0.0.2']}).access?.allowListed, false);
	usageError({listen: ['127.0.0.1:0'], allow: ['1.2.3.4/40']}, [], /^--allow: bad prefix length/);
	usageError({listen: ['127.0.0.1:0'], denyfile: [join(dir, 'missing.txt')]}, [], /^cannot read --denyfile .*missing.txt: ENOENT$/);
	usageError({allow: ['127.0.0.1']}, ['h:1'], /--allow\/--deny filter who reaches a listener/);
	usageError({listen: ['unix:/tmp/x.sock'], allow: ['127.0.0.1']}, [], /unix: clients have none/);
});

test('AccessFilter: deny wins over allow; without allow rules everyone not denied gets in', async () => {
	const rules = {
		allow: [parseAccessSpec('127.0.0.0/8'), parseAccessSpec('::1')],
		deny: [parseAccessSpec('127.0.0.2')],
		allowListed: true,
	};
	const filter = await AccessFilter.build(rules);
	assert.equal(filter.admits('127.0.0.1'), true);
	assert.equal(filter.admits('127.0.0.2'), false, 'deny wins');
	assert.equal(filter.admits('::ffff:127.0.0.3'), true, 'a mapped v4 address is checked as v4');
	assert.equal(filter.admits('::ffff:127.0.0.2'), false);
	assert.equal(filter.admits('::1'), true);
	assert.equal(filter.admits('10.0.0.1'), false, 'not on the allow list');
	const denyOnly = await AccessFilter.build({allow: [], deny: [parseAccessSpec('10.0.0.0/8')], allowListed: false});
	assert.equal(denyOnly.admits('10.1.2.3'), false);
	assert.equal(denyOnly.admits('192.0.2.1'), true);
	// An allow file with nothing in it admits nobody: fail closed.
	const emptyAllow = await AccessFilter.build({allow: [], deny: [], allowListed: true});
	assert.equal(emptyAllow.admits('127.0.0.1'), false);
	// Host names are resolved once, at build time.
	const byName = await AccessFilter.build({allow: [parseAccessSpec('localhost')], deny: [], allowListed: true});
	assert.equal(byName.admits('127.0.0.1'), true);
	assert.equal(byName.admits('127.0.0.2'), false);
});
