import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseOptions} from '../../source/options.js';
import {runCli} from '../helpers/cli.js';

const target = '127.0.0.1:9';

test('bad local IO, shaping and stats flags are usage errors: one line, exit 2', async () => {
	const cases: Array<[string[], RegExp]> = [
		[['--sdmin', '50', '--sdmax', '10'], /--sdmin \(50\) is larger than --sdmax \(10\)/],
		[['--rdmin', '-5'], /bad value "-5" for --rdmin/],
		[['--sdrop', '1.5'], /bad probability "1.5" for --sdrop/],
		[['--rdrop', 'often'], /bad probability "often" for --rdrop/],
		[['-i', 'rand', '--rsizemin', '0'], /bad value "0" for --rsizemin/],
		[['-i', 'rand', '--rsizemin', '20', '--rsizemax', '10'], /--rsizemin \(20\) is larger than --rsizemax \(10\)/],
		[['-i', 'rand', '--rvals', 'hex'], /bad value "hex" for --rvals: expected one of binary, ascii/],
		[['--stats', '--stats-time', '0'], /bad value "0" for --stats-time/],
		[['-e', ' '], /-e\/--exec needs a command/],
		[['-e', 'cat', '-i', 'rand'], /-e\/--exec is the local input; it cannot be combined with -i/],
		[['-i', 'pfqoscli'], /-i pfqoscli is a UDP protocol: add -u/],
	];
	await Promise.all(
		cases.map(async ([args, message]) => {
			const {code, stderr, stdout} = await runCli(['--no-tui', ...args, target]);
			assert.equal(code, 2, args.join(' '));
			assert.match(stderr, message);
			assert.match(stderr, /^netcrab-tui: [^\n]+\n$/);
			assert.equal(stdout.length, 0);
		}),
	);
});

test('local IO flags are accepted and land in Options', () => {
	const options = parseOptions(
		{
			input: 'rand',
			rsizemin: '5',
			rsizemax: '9',
			rvals: 'ascii',
			sdmin: '10',
			sdmax: '20',
			rdmax: '7',
			sdrop: '0.25',
			rdrop: '1',
			stats: true,
			statsTime: '250',
		},
		[target],
	);
	assert.equal(options.inputMode, 'rand');
	assert.deepEqual(options.randomSize, {min: 5, max: 9});
	assert.equal(options.randomValues, 'ascii');
	assert.deepEqual(options.sendDelay, {min: 10, max: 20});
	assert.deepEqual(options.receiveDelay, {min: 7, max: 7});
	assert.equal(options.sendDropProbability, 0.25);
	assert.equal(options.receiveDropProbability, 1);
	assert.equal(options.stats, true);
	assert.equal(options.statsIntervalMs, 250);
	assert.equal(parseOptions({exec: 'tr a-z A-Z'}, [target]).exec, 'tr a-z A-Z');
});
