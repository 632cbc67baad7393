import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseOptions, UsageError, type RawFlags} from '../source/options.js';

const parse = (flags: RawFlags, input: string[] = []) => parseOptions({tui: true, ...flags}, input);

test('defaults: one client per listener, 10 in routing modes, stdin in, stdout out', () => {
	const plain = parse({listen: ['127.0.0.1:5000']});
	assert.equal(plain.maxClients, 1);
	assert.equal(plain.forwarding, 'none');
	assert.equal(plain.inputMode, 'stdin');
	assert.equal(plain.outputMode, 'stdout');
	assert.equal(plain.listenOnce, false);
	assert.equal(plain.sendSize, undefined);
	assert.equal(parse({listen: ['*'], fm: 'hub'}).maxClients, 10);
	assert.equal(parse({listen: ['*'], fm: 'c', maxClients: '3'}).maxClients, 3);
});

test('forwarding mode aliases', () => {
	assert.equal(parse({listen: ['*'], fm: 'h'}).forwarding, 'hub');
	assert.equal(parse({listen: ['*'], fm: 'c'}).forwarding, 'channels');
	assert.equal(parse({listen: ['*'], fm: 'lc'}).forwarding, 'linger-channels');
	assert.equal(parse({listen: ['*'], fm: 'linger-channels'}).forwarding, 'linger-channels');
});

test('targets, listeners and flags are carried into Options', () => {
	const options = parse(
		{listenOnce: [':0'], ipv6: true, ss: '100', input: 'echo', output: 'none', exitAfterInput: true, verbose: true},
		[],
	);
	assert.equal(options.listenOnce, true);
	assert.equal(options.family, 6);
	assert.equal(options.sendSize, 100);
	assert.equal(options.inputMode, 'echo');
	assert.equal(options.outputMode, 'none');
	assert.equal(options.exitAfterInput, true);
	assert.equal(options.verbose, true);
	const client = parse({reconnect: true, reconnectOnError: true}, ['127.0.0.1:80x2']);
	assert.equal(client.targets[0]!.count, 2);
	assert.equal(client.reconnectOnClose && client.reconnectOnError, true);
	assert.equal(parse({zero: true}, ['h:1']).zeroIo, true);
	assert.equal(parse({tui: false}, ['h:1']).tui, false);
});

test('-u: -m caps remembered UDP peers per listener (default 1000); --udp-peer-idle and --keepalive in seconds', () => {
	assert.equal(parse({udp: true, listen: ['*']}).udpMaxPeers, 1000);
	assert.equal(parse({udp: true, listen: ['*'], maxClients: '2'}).udpMaxPeers, 2);
	assert.equal(parse({udp: true, listen: ['*']}).udpPeerIdleMs, 60_000);
	assert.equal(parse({udp: true, listen: ['*'], udpPeerIdle: '0'}).udpPeerIdleMs, 0);
	assert.equal(parse({listen: ['*']}).keepaliveMs, 60_000);
	assert.equal(parse({listen: ['*'], keepalive: '7'}).keepaliveMs, 7000);
});

const usageErrors: Array<[string, RawFlags, string[], RegExp]> = [
	['unknown flag', {bogus: 'x'}, ['h:1'], /unknown option --bogus/],
	['unknown short flag', {q: true}, ['h:1'], /unknown option -q/],
	['unknown upper-case short flag keeps its case', {V: true}, ['h:1'], /unknown option -V$/],
	['bad listen port', {listen: ['127.0.0.1:70000']}, [], /bad port "70000"/],
	['port abc', {}, ['host:abc'], /bad port "abc"/],
	['-l with -L', {listenOnce: ['*'], listen: ['*']}, [], /-l and -L cannot be used together/],
	['-r without target', {listen: ['*'], reconnect: true}, [], /-r\/-R .* need a target/],
	['-R without target', {listen: ['*'], reconnectOnError: true}, [], /need a target/],
	['--udp-peer-idle without -u', {udpPeerIdle: '5', listen: ['*']}, [], /--udp-peer-idle: only for UDP/],
	['--keepalive with -u', {udp: true, keepalive: '5', listen: ['*']}, [], /--keepalive is for TCP/],
	['--keepalive not a number', {keepalive: 'x', listen: ['*']}, [], /bad value "x" for --keepalive/],
	['-r with -u', {udp: true, reconnect: true}, ['h:1'], /cannot be used with -u/],
	['-z with -u', {udp: true, zero: true}, ['h:1'], /-z cannot be used with -u/],
	['-z without target', {zero: true, listen: ['*']}, [], /-z needs a target/],
	['nothing to do', {}, [], /nothing to do/],
	['bad -m', {listen: ['*'], maxClients: '0'}, [], /bad value "0" for -m\/--max-clients/],
	['bad --ss', {listen: ['*'], ss: 'x'}, [], /bad value "x" for --ss/],
	['bad -f', {listen: ['*'], fm: 'star'}, [], /bad value "star" for -f\/--fm/],
	['bad -i', {listen: ['*'], input: 'keyboard'}, [], /bad value "keyboard" for -i\/--input/],
	['bad -o', {listen: ['*'], output: 'file'}, [], /bad value "file" for -o\/--output/],
	['-4 with -6', {listen: ['*'], ipv4: true, ipv6: true}, [], /-4 and -6/],
	['probability above 1', {listen: ['*'], sdrop: '1.5'}, [], /bad probability "1.5" for --sdrop/],
	['negative probability', {listen: ['*'], rdrop: '-0.1'}, [], /bad probability "-0.1" for --rdrop/],
	['delay range upside down', {listen: ['*'], sdmin: '10', sdmax: '5'}, [], /--sdmin \(10\) is larger than --sdmax \(5\)/],
	['random sizes upside down', {listen: ['*'], rsizemin: '10', rsizemax: '5'}, [], /--rsizemin/],
	['bad ttl', {udp: true, ttl: '300'}, ['h:1'], /bad value "300" for --ttl/],
	['empty exec', {listen: ['*'], exec: ' '}, [], /needs a command/],
	['negative half-close wait', {listen: ['*'], halfCloseWait: '-1'}, [], /bad value "-1" for --half-close-wait: expected seconds from 0/],
	['half-close wait not a number', {listen: ['*'], halfCloseWait: 'soon'}, [], /bad value "soon" for --half-close-wait/],
	['-q inf', {listen: ['*'], quitAfter: 'inf'}, [], /bad value "inf" for -q\/--quit-after/],
	['-q negative', {listen: ['*'], quitAfter: '-2'}, [], /bad value "-2" for -q/],
	['-w 0', {connectTimeout: '0'}, ['h:1'], /bad value "0" for -w\/--connect-timeout: expected seconds above 0/],
	['-w inf', {connectTimeout: 'inf'}, ['h:1'], /bad value "inf" for -w/],
	['-w without a target', {listen: ['*'], connectTimeout: '1'}, [], /-w\/--connect-timeout .* needs a target/],
	['-w with -u', {udp: true, connectTimeout: '1'}, ['h:1'], /cannot be used with -u/],
	['idle timeout 0', {listen: ['*'], idleTimeout: '0'}, [], /bad value "0" for --idle-timeout/],
	['idle timeout x', {listen: ['*'], idleTimeout: '1x'}, [], /bad value "1x" for --idle-timeout/],
];

for (const [name, flags, input, message] of usageErrors) {
	test(`usage error: ${name}`, () => {
		assert.throws(
			() => parse(flags, input),
			(error: Error) => error instanceof UsageError && message.test(error.message),
		);
	});
}

test('endings flags: seconds with fractions; --half-close-wait defaults to 0.5 s and takes 0 and inf', () => {
	assert.equal(parse({listen: ['*']}).halfCloseWaitMs, 500);
	assert.equal(parse({listen: ['*'], halfCloseWait: '0'}).halfCloseWaitMs, 0);
	assert.equal(parse({listen: ['*'], exec: 'cat'}).halfCloseWaitMs, Number.POSITIVE_INFINITY, '-e waits for the command');
	assert.equal(parse({listen: ['*'], exec: 'cat', halfCloseWait: '1'}).halfCloseWaitMs, 1000);
	assert.equal(parse({listen: ['*'], halfCloseWait: 'inf'}).halfCloseWaitMs, Number.POSITIVE_INFINITY);
	assert.equal(parse({listen: ['*'], quitAfter: '1.5'}).quitAfterMs, 1500);
	assert.equal(parse({listen: ['*'], exitAfterInput: true}).quitAfterMs, 0);
	assert.equal(parse({listen: ['*']}).quitAfterMs, undefined);
	assert.equal(parse({connectTimeout: '.25'}, ['h:1']).connectTimeoutMs, 250);
	assert.equal(parse({listen: ['*'], idleTimeout: '2'}).idleTimeoutMs, 2000);
});

test('--fork and --exec-each imply channels unless -f is given, and refuse what they cannot do', () => {
	assert.equal(parse({listen: ['*'], fork: true}, ['127.0.0.1:80']).forwarding, 'channels');
	assert.equal(parse({listen: ['*'], fork: true, fm: 'hub'}, ['127.0.0.1:80']).forwarding, 'hub');
	assert.equal(parse({listen: ['*'], execEach: 'cat'}).forwarding, 'channels');
	assert.equal(parse({listen: ['*'], execEach: 'cat'}).maxClients, 10);
	assert.equal(parse({listen: ['*'], execEach: 'cat', execStderr: true}).execStderr, true);
	const refusals: Array<[RawFlags, string[], RegExp]> = [
		[{fork: true}, ['127.0.0.1:80'], /--fork .* add -l\/-L/],
		[{listen: ['*'], fork: true}, [], /exactly one target/],
		[{listen: ['*'], fork: true}, ['127.0.0.1:80', '127.0.0.1:81'], /exactly one target/],
		[{listen: ['*'], fork: true}, ['127.0.0.1:80x2'], /exactly one target/],
		[{listen: ['*'], fork: true, udp: true}, ['127.0.0.1:80'], /not with -u/],
		[{listen: ['*'], fork: true, reconnect: true}, ['127.0.0.1:80'], /-r\/-R cannot be used with --fork/],
		[{listen: ['*'], execEach: ' '}, [], /--exec-each needs a command/],
		[{listen: ['*'], execStderr: true}, [], /--exec-stderr goes with --exec-each/],
		[{listen: ['*'], execEach: 'cat', exec: 'cat'}, [], /-e runs one command/],
		[{listen: ['*'], execEach: 'cat', fork: true}, ['127.0.0.1:80'], /cannot be combined/],
	];
	for (const [flags, input, message] of refusals)
		assert.throws(
			() => parse(flags, input),
			(error: Error) => error instanceof UsageError && message.test(error.message),
			JSON.stringify(flags),
		);
});
