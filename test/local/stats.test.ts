import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeStats, formatBytes, formatCount, statsBetween} from '../../source/local/stats.js';
import {listenSink} from '../helpers/sink.js';
import {startCli} from '../helpers/cli.js';

test('interval stats are differences over the interval, rates per second', () => {
	const stats = statsBetween(
		{bytesIn: 100, bytesOut: 1000, messagesIn: 1, messagesOut: 10},
		{bytesIn: 600, bytesOut: 3000, messagesIn: 6, messagesOut: 30},
		500,
	);
	assert.deepEqual(stats.sent, {bytes: 2000, messages: 20, bytesPerSecond: 4000, messagesPerSecond: 40});
	assert.deepEqual(stats.received, {bytes: 500, messages: 5, bytesPerSecond: 1000, messagesPerSecond: 10});
	assert.equal(
		describeStats(stats),
		'stats: sent 1.95 KiB in 20 msgs (3.91 KiB/s, 40 msgs/s); received 500 B in 5 msgs (0.98 KiB/s, 10 msgs/s)',
	);
});

test('human units', () => {
	assert.equal(formatBytes(0), '0 B');
	assert.equal(formatBytes(999), '999 B');
	assert.equal(formatBytes(1536), '1.50 KiB');
	assert.equal(formatBytes(12.3 * 1024 * 1024), '12.3 MiB');
	assert.equal(formatBytes(1000 * 1024 * 1024), '0.98 GiB');
	assert.equal(formatCount(999), '999');
	assert.equal(formatCount(1234), '1.2k');
	assert.equal(formatCount(3_400_000), '3.4M');
});

test('--stats prints a line per interval with the traffic sent', async () => {
	const server = await listenSink();
	const cli = startCli(['--no-tui', '-i', 'fixed', '--ss', '1000', '--stats', '--stats-time', '200', `127.0.0.1:${server.port}`]);
	try {
		const peer = await server.accepted();
		await cli.waitForStderr(/(stats: .*\n){3}/);
		const lines = cli
			.stderr()
			.split('\n')
			.filter(line => line.startsWith('stats: '));
		for (const line of lines.slice(1)) {
			const match = /^stats: sent ([\d.]+) (B|KiB|MiB|GiB) in ([\d.]+k?) msgs .*; received 0 B in 0 msgs/.exec(line);
			assert.ok(match, line);
			assert.ok(Number(match[1]) > 0 && match[2] !== 'B', line);
		}
		assert.ok(peer.bytes() > 0);
	} finally {
		cli.kill();
		server.close();
	}
});
