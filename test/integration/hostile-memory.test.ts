// Issue 18 item 1: a remote peer must not grow our memory beyond what the queues are meant to hold.
// Peak RSS is the child's VmHWM from /proc; the attack stops early once past the limit, so the old
// code (gigabytes) fails fast instead of eating the machine.
import assert from 'node:assert/strict';
import {test, type TestContext} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {memoryKb, startDrip} from '../helpers/drip-peer.js';

const limitKb = 150 * 1024;
// Enough 1-byte reads that the old code (one 4 KiB read buffer kept alive per queued byte)
// passes the limit well before the end; paced so that each byte is its own read.
const drips = 400_000;

async function dripAttack(t: TestContext, args: string[], {stalledReader, burst}: {stalledReader: boolean; burst: number}): Promise<void> {
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '-i', 'none', '-o', 'none', ...args]);
	const port = await cli.listeningPort();
	const pid = cli.child.pid!;
	const drip = startDrip({port, stalledReader, burst, drips, rate: 40_000, seconds: 30});
	t.after(() => drip.kill());
	if (stalledReader) {
		await drip.readerConnected;
		await cli.waitForStderr(/Accepted connection/);
	}
	drip.go();
	let peakKb = 0;
	const watch = setInterval(() => {
		peakKb = Math.max(peakKb, memoryKb(pid, 'VmHWM'));
		if (peakKb > limitKb) drip.kill();
	}, 100);
	const result = await drip.done.catch(() => undefined);
	clearInterval(watch);
	peakKb = Math.max(peakKb, memoryKb(pid, 'VmHWM'));
	t.diagnostic(`peak RSS ${Math.round(peakKb / 1024)} MB, ${JSON.stringify(result)}`);
	assert.ok(peakKb < limitKb, `peak RSS ${peakKb} kB after the drip (limit ${limitKb} kB)`);
	assert.ok(result && result.dripped > 0, 'the peer could drip at all');
	assert.equal(cli.child.exitCode, null, 'the server still runs');
}

test('Given a hub with a peer that never reads, When another bursts 2.2 MB then drips 1 byte per send, Then peak RSS stays under 150 MB', async t => {
	await dripAttack(t, ['-f', 'hub', '-m', '10'], {stalledReader: true, burst: 2_200_000});
});

test('Given --rdmin 60000, When a peer drips 1 byte per send, Then the delay queue holds back the peer and peak RSS stays under 150 MB', async t => {
	await dripAttack(t, ['--rdmin', '60000'], {stalledReader: false, burst: 0});
});
