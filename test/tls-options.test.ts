import assert from 'node:assert/strict';
import {test} from 'node:test';
import {transportOf} from '../source/address.js';
import {parseOptions, UsageError, type RawFlags} from '../source/options.js';

const parse = (flags: RawFlags, input: string[] = []) => parseOptions({tui: true, ...flags}, input);
const transports = (flags: RawFlags, input: string[] = []) => {
	const options = parse(flags, input);
	const defaults = {udp: options.udp, tls: options.tls.byDefault};
	return [...options.listen, ...options.targets].map(spec => transportOf(spec, defaults));
};

test('tls: endpoints and --tls/--ssl: a written tcp: stays plain, schemes mix in one run', () => {
	assert.deepEqual(transports({listen: ['tls:*:8443'], fm: 'channels'}, ['tcp:127.0.0.1:8080']), ['tls', 'tcp']);
	assert.deepEqual(transports({listen: ['127.0.0.1:5000']}, ['tls:example.com:443']), ['tcp', 'tls']);
	assert.deepEqual(transports({tls: true, listen: ['127.0.0.1:5000']}, ['tcp:127.0.0.1:80', 'example.com:443']), ['tls', 'tcp', 'tls']);
	assert.deepEqual(transports({ssl: true}, ['example.com:443x2']), ['tls']);
	const target = parse({}, ['tls:127.0.0.1=example.com:443']).targets[0]!;
	assert.equal(target.kind === 'host' ? target.source?.host : undefined, '127.0.0.1');
});

test('TLS settings are carried into Options', () => {
	const options = parse({tlsServername: 'api.example', alpn: 'h2,http/1.1', tlsCa: 'ca.pem', tlsCert: 'c.pem', tlsKey: 'k.pem'}, [
		'tls:10.0.0.1:443',
	]);
	assert.deepEqual(options.tls, {
		byDefault: false,
		insecure: false,
		verifyClients: false,
		serverName: 'api.example',
		alpn: ['h2', 'http/1.1'],
		caFile: 'ca.pem',
		certFile: 'c.pem',
		keyFile: 'k.pem',
	});
	assert.equal(parse({listen: ['tls:*:443'], tlsCa: 'ca.pem', tlsVerify: true}).tls.verifyClients, true);
});

test('TLS usage errors: one line each', () => {
	for (const [flags, input, reason] of [
		[{tls: true, udp: true}, ['127.0.0.1:5000'], /--tls cannot be used with -u/],
		[{}, ['tls:127.0.0.1:1', 'udp:127.0.0.1:2'], /tls: and udp: endpoints cannot be mixed/],
		[{tlsCa: 'ca.pem'}, ['127.0.0.1:1'], /--tls-ca: only for TLS endpoints; add --tls or write tls:/],
		[{tlsCert: 'c.pem'}, ['tls:127.0.0.1:1'], /--tls-cert and --tls-key go together/],
		[{tlsInsecure: true, listen: ['tls:*:1']}, [], /--tls-insecure is for TLS targets/],
		[{tlsVerify: true}, ['tls:127.0.0.1:1'], /--tls-verify checks the clients of a TLS listener/],
		[{tlsVerify: true, listen: ['tls:*:1']}, [], /--tls-verify needs --tls-ca FILE/],
		[{alpn: 'h2,,x'}, ['tls:127.0.0.1:1'], /bad protocol "" in --alpn/],
		[{tlsServername: ''}, ['tls:127.0.0.1:1'], /--tls-servername needs a value/],
		[{}, ['ssl:127.0.0.1:1'], /unknown scheme "ssl:"/],
	] as Array<[RawFlags, string[], RegExp]>) {
		assert.throws(
			() => parse(flags, input),
			(error: Error) => error instanceof UsageError && reason.test(error.message),
			JSON.stringify({flags, input}),
		);
	}
});
