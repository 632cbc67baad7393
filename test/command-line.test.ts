// The command-line parser keeps meow's conventions that options.ts relies on.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseCommandLine, RepeatedFlagError} from '../source/command-line.js';
import {flagDefinitions} from '../source/options.js';

const parse = (...argv: string[]) => parseCommandLine(flagDefinitions, argv);

test('long flags become camelCase; repeatable flags are arrays; defaults apply', () => {
	const {flags, input} = parse('--listen', '127.0.0.1:1', '-L', '[::1]:2', '--max-clients', '3', '--exit-after-input', 'h:1');
	assert.deepEqual(flags['listen'], ['127.0.0.1:1', '[::1]:2']);
	assert.equal(flags['maxClients'], '3');
	assert.equal(flags['exitAfterInput'], true);
	assert.equal(flags['tui'], true, 'the default');
	assert.deepEqual(input, ['h:1']);
});

test('--no-tui, grouped short flags, attached and inline values', () => {
	const {flags} = parse('--no-tui', '-vu', '-m5', '--fm=hub');
	assert.equal(flags['tui'], false);
	assert.equal(flags['verbose'], true);
	assert.equal(flags['udp'], true);
	assert.equal(flags['maxClients'], '5');
	assert.equal(flags['fm'], 'hub');
});

test('a single-value flag given twice is refused, named as typed; repeatable ones collect', () => {
	assert.throws(
		() => parse('--fm=hub', '-fc'),
		(error: Error) => error instanceof RepeatedFlagError && error.message === '--fm and -f given more than once: give it once',
	);
	assert.throws(() => parse('-m', '5', '-m6'), /^Error: -m given more than once/);
	assert.deepEqual(parse('-L', 'a:1', '--listen', 'b:2').flags['listen'], ['a:1', 'b:2']);
	assert.equal(parse('-v', '-v').flags['verbose'], true);
});

test('unknown flags are kept by name: -V as V, --some-thing as someThing', () => {
	const {flags} = parse('-V', '--some-thing', '--other=1', 'h:1');
	assert.equal(flags['V'], true);
	assert.equal(flags['someThing'], true);
	assert.equal(flags['other'], '1');
});

test('after -- every word is input; a string flag at the end gets an empty value', () => {
	assert.deepEqual(parse('h:1', '--', '--help', '-L').input, ['h:1', '--help', '-L']);
	assert.deepEqual(parse('-L').flags['listen'], ['']);
	assert.equal(parse('--udp=false').flags['udp'], false);
});
