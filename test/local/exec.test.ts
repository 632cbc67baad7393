import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {isLoopbackAddress} from '../../source/local/exec-input.js';
import {startCli} from '../helpers/cli.js';
import {connectPeer, listenPeer} from '../helpers/peers.js';

/** Running (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
	const stat = readFileSafe(`/proc/${pid}/stat`);
	return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

test('-e tr a-z A-Z transforms what a socat client sends, and the run ends with it', async () => {
	const cli = startCli(['--no-tui', '-l', '127.0.0.1:0', '-e', 'tr a-z A-Z']);
	try {
		const port = await cli.listeningPort();
		const socat = spawn('socat', ['-t', '5', '-', `TCP:127.0.0.1:${port}`]);
		let output = '';
		socat.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
		socat.stdin.end('hello exec\n');
		await new Promise(resolve => socat.on('close', resolve));
		assert.equal(output, 'HELLO EXEC\n');
		assert.equal((await cli.exit).code, 0);
		assert.equal(cli.stdout().length, 0, 'plain stdout is not used');
	} finally {
		cli.kill();
	}
});

test('the child exiting ends local input: the peer gets its output and a FIN', async () => {
	const server = await listenPeer();
	const cli = startCli(['--no-tui', '-e', 'echo hello', '--exit-after-input', `127.0.0.1:${server.port}`]);
	try {
		const peer = await server.accepted();
		await peer.ended;
		assert.equal(peer.received().toString(), 'hello\n');
		assert.equal((await cli.exit).code, 0);
	} finally {
		cli.kill();
		server.close();
	}
});

test('the command and what it started are terminated when the program exits', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-exec-'));
	const pidFile = join(directory, 'pid');
	// The inner shell is a grandchild: killing only the outer shell would leave it running.
	let pid: number | undefined;
	const cli = startCli(['--no-tui', '-L', '127.0.0.1:0', '-e', `sh -c 'echo $$ > ${pidFile}; while true; do sleep 0.1; done' & wait`]);
	try {
		await cli.listeningPort();
		await until(() => readFileSafe(pidFile) !== '', 'the pid file');
		pid = Number(readFileSafe(pidFile));
		assert.ok(alive(pid));
		assert.doesNotMatch(cli.stderr(), /warning/, 'no warning for a loopback listener');
		cli.child.kill('SIGTERM');
		await until(() => !alive(pid!), `process ${pid} to be gone`);
		assert.equal((await cli.exit).code, 143);
	} finally {
		cli.kill();
		if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
		rmSync(directory, {recursive: true, force: true});
	}
});

function readFileSafe(path: string): string {
	try {
		return readFileSync(path, 'utf8').trim();
	} catch {
		return '';
	}
}

test('loopback addresses are recognised for the -e exposure warning', () => {
	for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(address), address);
	for (const address of ['0.0.0.0', '::', '192.168.1.5', 'fe80::1']) assert.ok(!isLoopbackAddress(address), address);
});

// Issue 18 item 12: an -e child that ignores SIGTERM must not outlive the run.
const stubbornCommand = (pidFile: string) => `trap '' TERM; echo $$ > ${pidFile}; while true; do sleep 0.1; done`;

async function withStubbornChild(
	args: string[],
	end: (cli: ReturnType<typeof startCli>) => Promise<void>,
	expectedCode: number,
): Promise<void> {
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-exec-'));
	const pidFile = join(directory, 'pid');
	let pid: number | undefined;
	const cli = startCli(['--no-tui', ...args, '-e', stubbornCommand(pidFile)]);
	try {
		await cli.listeningPort();
		await until(() => readFileSafe(pidFile) !== '', 'the pid file');
		pid = Number(readFileSafe(pidFile));
		await end(cli);
		// 'exit', not the helper's 'close': a surviving child would hold our stderr pipe open.
		await until(() => cli.child.exitCode !== null, 'our exit', 10_000);
		assert.equal(cli.child.exitCode, expectedCode);
		// SIGKILL comes after a 2 s grace (less on a signal); loose bound for a busy machine.
		await until(() => !alive(pid!), `process ${pid} (ignores SIGTERM) to be gone`, 6000);
	} finally {
		cli.kill();
		if (pid !== undefined && alive(pid)) process.kill(-pid, 'SIGKILL');
		rmSync(directory, {recursive: true, force: true});
	}
}

test('Given an -e child that ignores SIGTERM, When the run ends (the -l client reset), Then its process group is killed', async () => {
	await withStubbornChild(
		['-l', '127.0.0.1:0'],
		async cli => {
			const client = await connectPeer(await cli.listeningPort());
			await cli.waitForStderr(/Accepted connection/);
			// A reset: a FIN alone would leave the route open for the child's output, which never ends.
			client.socket.resetAndDestroy();
		},
		1,
	); // a reset that ends the run exits 1 (item 9)
});

test('Given an -e child that ignores SIGTERM, When we get SIGTERM, Then we exit within 3 s and its process group is killed', async () => {
	await withStubbornChild(
		['-L', '127.0.0.1:0'],
		async cli => {
			const started = performance.now();
			cli.child.kill('SIGTERM');
			await until(() => cli.child.exitCode !== null, 'our exit', 10_000);
			assert.ok(performance.now() - started < 3000, 'exited within 3 s');
		},
		143,
	);
});
