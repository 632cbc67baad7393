// The command-line parser keeps meow's conventions that options.ts relies on.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseCommandLine} from '../source/command-line.js';
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
	const {flags} = parse('--no-tui', '-vu', '-m5', '--fm=hub', '-fc');
	assert.equal(flags['tui'], false);
	assert.equal(flags['verbose'], true);
	assert.equal(flags['udp'], true);
	assert.equal(flags['maxClients'], '5');
	assert.equal(flags['fm'], 'c', 'the last one wins');
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
