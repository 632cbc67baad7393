// Issue 18 item 4: a signal ends the run within a second even while stdout is a stalled pipe.
// nc, ncat and socat, with their stdout a fifo nobody reads, all exit within a second of SIGTERM,
// SIGINT or SIGHUP; unwritten output is dropped (readme.md says so).
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {cliPath} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';
import {connectPeer} from '../helpers/peers.js';

const units: Record<string, number> = {B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3};

/** Bytes received so far, summed over --stats lines. */
function receivedSoFar(stderr: string): number {
	let total = 0;
	for (const match of stderr.matchAll(/received ([\d.]+) (B|KiB|MiB|GiB) in/g)) total += Number(match[1]) * units[match[2]!]!;
	return total;
}

for (const [signal, code] of [
	['SIGTERM', 143],
	['SIGINT', 130],
	['SIGHUP', 129],
] as const) {
	test(`Given stdout a fifo whose reader stopped, When ${signal} comes, Then the process exits within 3 s with ${code}`, async t => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'netcrab-signal-'));
		const fifo = path.join(directory, 'fifo');
		execFileSync('mkfifo', [fifo]);
		// A reader that opens the fifo and never reads: once its 64 KiB are full, writes queue up.
		const reader = spawn('python3', ['-c', 'import sys, time; f = open(sys.argv[1], "rb"); time.sleep(120)', fifo]);
		const stdout = openSync(fifo, 'w');
		const child = spawn(process.execPath, [cliPath, '-l', '127.0.0.1:0', '-i', 'none', '--stats', '--stats-time', '100'], {
			stdio: ['pipe', stdout, 'pipe'],
		});
		closeSync(stdout);
		t.after(() => {
			child.kill('SIGKILL');
			reader.kill('SIGKILL');
			rmSync(directory, {recursive: true, force: true});
		});
		let stderr = '';
		const changed = new Condition();
		const exited = new Promise<number | null>(resolve => child.on('exit', exitCode => resolve(exitCode)));
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (text: string) => {
			stderr += text;
			changed.notify();
		});
		const port = Number((await changed.until(() => /Listening on [^\s]+:(\d+)/.exec(stderr) ?? undefined, 'the listening line'))[1]);
		const client = await connectPeer(port);
		t.after(() => client.socket.destroy());
		client.socket.write(Buffer.alloc(20 << 20, 'x'));
		// More than the fifo's 64 KiB was received: the rest waits in our stdout queue.
		await changed.until(() => (receivedSoFar(stderr) >= 96 << 10 ? true : undefined), '96 KiB received', {
			seen: () => String(receivedSoFar(stderr)),
		});
		child.kill(signal);
		const timeout = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), 3000).unref());
		const result = await Promise.race([exited, timeout]);
		assert.equal(result, code, `exit status after ${signal}`);
	});
}
