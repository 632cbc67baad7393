import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	AddressError,
	formatAddress,
	formatUnixAddress,
	hostOf,
	parseListenAddress,
	parseTarget,
	transportOf,
	type HostTarget,
} from '../source/address.js';

const hostTarget = (text: string) => parseTarget(text) as HostTarget;

test('listen addresses: every form of the grammar', () => {
	assert.deepEqual(parseListenAddress('127.0.0.1:5000'), {kind: 'host', host: '127.0.0.1', port: 5000});
	assert.deepEqual(parseListenAddress('localhost:0'), {kind: 'host', host: 'localhost', port: 0});
	assert.deepEqual(parseListenAddress('[::1]:80'), {kind: 'host', host: '::1', port: 80});
	assert.deepEqual(parseListenAddress(':5000'), {kind: 'interfaces', port: 5000});
	assert.deepEqual(parseListenAddress('*:5000'), {kind: 'wildcard', port: 5000});
	assert.deepEqual(parseListenAddress('*'), {kind: 'wildcard', port: 0});
});

test('listen addresses: malformed ones are refused with a reason', () => {
	for (const [text, reason] of [
		['127.0.0.1', /missing ":PORT"/],
		['127.0.0.1:70000', /bad port "70000"/],
		['127.0.0.1:abc', /bad port "abc"/],
		['127.0.0.1:-1', /bad port/],
		['[::1:80', /missing "]"/],
		['[::1]80', /expected ":PORT"/],
		['[]:80', /empty address/],
		['::1', /missing ":PORT"/],
		['', /missing ":PORT"/],
	] as const) {
		assert.throws(
			() => parseListenAddress(text),
			(error: Error) => error instanceof AddressError && reason.test(error.message),
			text,
		);
	}
});

test('targets: host, port, repeat count and source', () => {
	assert.deepEqual(parseTarget('example.com:80'), {kind: 'host', host: 'example.com', port: 80, count: 1, text: 'example.com:80'});
	assert.deepEqual(parseTarget('127.0.0.1:5000x3'), {kind: 'host', host: '127.0.0.1', port: 5000, count: 3, text: '127.0.0.1:5000x3'});
	assert.deepEqual(parseTarget('[::1]:5000'), {kind: 'host', host: '::1', port: 5000, count: 1, text: '[::1]:5000'});
	assert.deepEqual(hostTarget('127.0.0.2=127.0.0.1:80').source, {host: '127.0.0.2', port: 0});
	assert.deepEqual(hostTarget('127.0.0.2:4000=127.0.0.1:80x2').source, {host: '127.0.0.2', port: 4000});
	assert.deepEqual(hostTarget('[::1]:4000=[::1]:80').source, {host: '::1', port: 4000});
	assert.equal(hostTarget('::1=[::1]:80').source?.host, '::1');
});

test('targets: malformed ones are refused', () => {
	for (const text of [
		'host',
		'host:0',
		'host:65536',
		'host:80x0',
		'host:80x',
		'host:80y2',
		':80',
		'a b:80',
		'src:99999=host:80',
		'=host:80',
	]) {
		assert.throws(() => parseTarget(text), AddressError, text);
	}
});

test('addresses are shown with brackets around IPv6', () => {
	assert.equal(formatAddress('127.0.0.1', 5), '127.0.0.1:5');
	assert.equal(formatAddress('::1', 5), '[::1]:5');
});

test('the host of a formatted address', () => {
	assert.equal(hostOf('127.0.0.1:5000'), '127.0.0.1');
	assert.equal(hostOf('[::1]:5000'), '::1');
});

test('schemes: tcp:, udp:, tls: keep every host form; unix: takes a path or @name', () => {
	assert.deepEqual(parseListenAddress('tls:*:8443'), {kind: 'wildcard', port: 8443, scheme: 'tls'});
	assert.deepEqual(parseListenAddress('tcp::5000'), {kind: 'interfaces', port: 5000, scheme: 'tcp'});
	assert.deepEqual(parseListenAddress('udp:[::1]:53'), {kind: 'host', host: '::1', port: 53, scheme: 'udp'});
	assert.deepEqual(parseListenAddress('unix:/tmp/a.sock'), {kind: 'unix', path: '/tmp/a.sock', abstract: false});
	assert.deepEqual(parseListenAddress('unix:@agent'), {kind: 'unix', path: 'agent', abstract: true});
	assert.deepEqual(parseListenAddress('/tmp/b.sock', {bareUnix: true}), {kind: 'unix', path: '/tmp/b.sock', abstract: false});
	const relayed = hostTarget('tls:127.0.0.2=example.com:443x2');
	assert.deepEqual(
		[relayed.scheme, relayed.host, relayed.port, relayed.count, relayed.source?.host],
		['tls', 'example.com', 443, 2, '127.0.0.2'],
	);
	assert.equal(relayed.text, 'tls:127.0.0.2=example.com:443x2');
	assert.deepEqual(parseTarget('unix:/run/docker.sock'), {
		kind: 'unix',
		path: '/run/docker.sock',
		abstract: false,
		count: 1,
		text: 'unix:/run/docker.sock',
	});
	assert.equal(hostTarget('TLS:host:1').scheme, 'tls');
	// A host named like a scheme is reached by writing the scheme out.
	assert.deepEqual([hostTarget('tcp:tls:443').host, hostTarget('tcp:tls:443').scheme], ['tls', 'tcp']);
	assert.equal(hostTarget('localhost:80').scheme, undefined);
});

test('schemes: unknown or empty ones are refused with a reason', () => {
	const cases: Array<[string, RegExp]> = [
		['ssl:host:443', /unknown scheme "ssl:"/],
		['http://host:80', /unknown scheme "http:"/],
		['tls:', /missing address after "tls:"/],
		['unix:', /missing address/],
		['unix:@', /missing socket path/],
		['tls:host', /missing ":PORT"/],
	];
	for (const [text, reason] of cases) {
		assert.throws(
			() => parseTarget(text),
			(error: Error) => error instanceof AddressError && reason.test(error.message),
			text,
		);
	}
	assert.throws(() => parseListenAddress('udq:*:5'), /unknown scheme/);
});

test('an endpoint without a scheme runs over the default of the run', () => {
	const bare = parseTarget('h:1');
	assert.equal(transportOf(bare, {udp: false, tls: false}), 'tcp');
	assert.equal(transportOf(bare, {udp: true, tls: false}), 'udp');
	assert.equal(transportOf(bare, {udp: false, tls: true}), 'tls');
	// A written scheme wins over the defaults.
	assert.equal(transportOf(parseTarget('tcp:h:1'), {udp: false, tls: true}), 'tcp');
	assert.equal(transportOf(parseListenAddress('unix:/x'), {udp: true, tls: true}), 'unix');
	assert.equal(formatUnixAddress({kind: 'unix', path: 'agent', abstract: true}), 'unix:@agent');
});
