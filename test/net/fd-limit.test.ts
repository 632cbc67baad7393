// Issue 18 item 10: running out of file descriptors while accepting is said once per burst, with
// the limit named (before: connections closed silently).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import net from 'node:net';
import {test} from 'node:test';
import {cliPath} from '../helpers/cli.js';
import {Condition} from '../helpers/condition.js';

test('Given ulimit -n 64, When 120 clients connect at once, Then one warning names EMFILE and the limit, and the listener goes on', async t => {
	const command = `ulimit -n 64 && exec "${process.execPath}" "${cliPath}" -L 127.0.0.1:0 -m 1000 -i none -o none`;
	const child = spawn('sh', ['-c', command], {stdio: ['pipe', 'ignore', 'pipe']});
	t.after(() => child.kill('SIGKILL'));
	let stderr = '';
	const changed = new Condition();
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (text: string) => {
		stderr += text;
		changed.notify();
	});
	const failed = () => (child.exitCode !== null ? `exited ${child.exitCode}: ${stderr}` : undefined);
	const port = Number(
		(await changed.until(() => /Listening on [^\s]+:(\d+)/.exec(stderr) ?? undefined, 'the listening line', {failed}))[1],
	);
	const clients: net.Socket[] = [];
	t.after(() => {
		for (const client of clients) client.destroy();
	});
	for (let index = 0; index < 120; index++) {
		const client = net.connect(port, '127.0.0.1');
		client.on('error', () => {});
		clients.push(client);
	}
	const warning = /cannot accept connections on 127\.0\.0\.1:\d+: too many open files \(EMFILE, limit 64: raise it with ulimit -n\)/g;
	await changed.until(() => (warning.test(stderr) ? true : undefined), 'the EMFILE warning', {failed, seen: () => stderr});
	// One burst may span a second boundary on a busy machine: a few lines at most, never one each.
	const lines = stderr.match(warning)?.length ?? 0;
	assert.ok(lines >= 1 && lines <= 3, `${lines} warnings:\n${stderr}`);
	assert.equal(child.exitCode, null, 'the listener goes on');
});
