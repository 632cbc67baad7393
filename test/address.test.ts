import assert from 'node:assert/strict';
import {test} from 'node:test';
import {AddressError, formatAddress, hostOf, parseListenAddress, parseTarget} from '../source/address.js';

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
		assert.throws(() => parseListenAddress(text), (error: Error) => error instanceof AddressError && reason.test(error.message), text);
	}
});

test('targets: host, port, repeat count and source', () => {
	assert.deepEqual(parseTarget('example.com:80'), {host: 'example.com', port: 80, count: 1, text: 'example.com:80'});
	assert.deepEqual(parseTarget('127.0.0.1:5000x3'), {host: '127.0.0.1', port: 5000, count: 3, text: '127.0.0.1:5000x3'});
	assert.deepEqual(parseTarget('[::1]:5000'), {host: '::1', port: 5000, count: 1, text: '[::1]:5000'});
	assert.deepEqual(parseTarget('127.0.0.2=127.0.0.1:80').source, {host: '127.0.0.2', port: 0});
	assert.deepEqual(parseTarget('127.0.0.2:4000=127.0.0.1:80x2').source, {host: '127.0.0.2', port: 4000});
	assert.deepEqual(parseTarget('[::1]:4000=[::1]:80').source, {host: '::1', port: 4000});
	assert.equal(parseTarget('::1=[::1]:80').source?.host, '::1');
});

test('targets: malformed ones are refused', () => {
	for (const text of ['host', 'host:0', 'host:65536', 'host:80x0', 'host:80x', 'host:80y2', ':80', 'a b:80', 'src:99999=host:80', '=host:80']) {
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
