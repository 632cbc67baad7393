// Issue 18, items 2 and 3: local input at its end must never end or redirect peer-to-peer traffic
// (source/lifecycle/local-input-end.ts), and --exit-after-input must not lose the end of an upload
// while the peer is sending too (source/lifecycle/quit-after-input.ts).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {test, type TestContext} from 'node:test';
import {startCliFor, startCli} from '../helpers/cli.js';
import {connectPeer, listenPeer, sha256} from '../helpers/peers.js';

type StdinKind = 'ignore' | 'closed' | 'empty file';

function startWithStdin(t: TestContext, kind: StdinKind, args: string[]) {
	let stdin: 'ignore' | 'closed' | number = kind === 'empty file' ? 0 : kind;
	if (kind === 'empty file') {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netcrab-')), 'empty');
		fs.writeFileSync(file, '');
		stdin = fs.openSync(file, 'r');
		t.after(() => fs.closeSync(stdin as number));
	}
	const cli = startCli(args, {stdin});
	t.after(() => cli.kill());
	return cli;
}

const stdinKinds: Array<[StdinKind, string]> = [
	['ignore', '/dev/null'],
	['closed', 'a closed stdin'],
	['empty file', 'an empty file'],
];

for (const [kind, name] of stdinKinds) {
	test(`issue 18.2: a channels relay with stdin ${name} delivers a client's upload whole to the upstream`, async t => {
		const upstream = await listenPeer();
		t.after(() => upstream.close());
		const relay = startWithStdin(t, kind, ['--no-tui', '-L', '127.0.0.1:0', '-f', 'channels', `127.0.0.1:${upstream.port}`]);
		const port = await relay.listeningPort();
		const sink = await upstream.accepted();
		await relay.waitForStderr(/Connected from/);
		const payload = randomBytes(3 << 20);
		// From another loopback address: channels pair peers whose hosts differ.
		const client = await connectPeer(port, '127.0.0.1', '127.0.0.2');
		client.socket.end(payload);
		await sink.ended;
		assert.equal(sha256(sink.received()), sha256(payload));
		sink.socket.end('reply');
		assert.equal((await client.waitFor(5)).toString(), 'reply');
	});

	test(`issue 18.2: a hub with stdin ${name} never half-closes its first client, which hears the others`, async t => {
		const hub = startWithStdin(t, kind, ['--no-tui', '-L', '127.0.0.1:0', '-f', 'hub']);
		const port = await hub.listeningPort();
		const first = await connectPeer(port);
		await hub.waitForStderr(/Accepted connection/);
		const second = await connectPeer(port);
		await hub.waitForStderr(/Accepted connection[^]*Accepted connection/);
		second.socket.write('hello first');
		assert.equal((await first.waitFor(11)).toString(), 'hello first');
		first.socket.write('hello second');
		assert.equal((await second.waitFor(12)).toString(), 'hello second');
		assert.equal(first.socket.readableEnded, false, 'no FIN for the first client');
		first.socket.destroy();
		second.socket.destroy();
	});
}

/** A server that streams to its client while reading 64 KiB every 3 ms; prints the port, then what it read and how it ended. */
const streamingSlowReader = `
import socket, threading, time
l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen(1)
print(l.getsockname()[1], flush=True)
s, _ = l.accept()
def stream():
    chunk = b'z' * 65536
    try:
        while True: s.sendall(chunk)
    except OSError: pass
threading.Thread(target=stream, daemon=True).start()
total, how = 0, 'eof'
try:
    while True:
        data = s.recv(65536)
        if not data: break
        total += len(data); time.sleep(0.003)
except OSError as error:
    how = type(error).__name__
print(total, how, flush=True)
`;

test('issue 18.3: --exit-after-input delivers a 20 MB upload whole to a slow reader that streams back meanwhile', async t => {
	const python = spawn('python3', ['-c', streamingSlowReader], {stdio: ['ignore', 'pipe', 'inherit']});
	t.after(() => python.kill('SIGKILL'));
	let output = '';
	python.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
	const exited = once(python, 'exit');
	const [port] = (await once(createInterface({input: python.stdout}), 'line')) as [string];
	const upload = randomBytes(20_000_000);
	// -o none: the stream back is drained and counted, not held by the test.
	const client = startCliFor(t, ['--no-tui', '-o', 'none', '--exit-after-input', `127.0.0.1:${port}`]);
	client.child.stdin!.end(upload);
	assert.equal((await client.exit).code, 0);
	await exited;
	assert.equal(output.trim().split('\n')[1], `${upload.length} eof`);
});
