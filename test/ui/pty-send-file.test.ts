// Issue 15 item 8 through a real pseudo-terminal at 80x24 against real loopback peers: F8 asks for
// a path and sends the file to the target, intact (sha256), with the router's backpressure: a peer
// that stops reading holds the file back, and the status bar shows how far it got. A socket queues
// up to 1 MiB before it says "stop" (net/tcp.ts), and the kernel holds more, so a held-back file
// must be larger than 1 MiB: those tests send 4 MiB. Esc cancels a file in flight.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test, type TestContext} from 'node:test';
import {spawn} from 'node:child_process';
import {createInterface} from 'node:readline';
import {Condition} from '../helpers/condition.js';
import {sha256} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty, type PtyRun} from '../helpers/term.js';

const mebibyte = 1024 * 1024;

function fileOf(t: TestContext, size: number): {file: string; data: Buffer} {
	const root = mkdtempSync(path.join(tmpdir(), 'netcrab-send-'));
	t.after(() => rmSync(root, {recursive: true, force: true}));
	const file = path.join(root, 'payload.bin');
	const data = randomBytes(size);
	writeFileSync(file, data);
	return {file, data};
}

// A peer with a 2 KiB receive buffer that reads nothing until told to ("go" on its stdin), then
// reads to the end and prints the length and sha256 of what it got. A node peer cannot shrink its
// receive buffer, and loopback's default buffers hold a whole MiB without pushing back.
const slowReader = String.raw`
import hashlib, socket, sys
peer = socket.socket()
peer.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
peer.connect(('127.0.0.1', int(sys.argv[1])))
print('connected', flush=True)
sys.stdin.readline()
# After a cancel nothing more comes: 3 s of quiet ends the read then.
peer.settimeout(3)
digest, length = hashlib.sha256(), 0
while length < int(sys.argv[2]):
    try:
        chunk = peer.recv(65536)
    except socket.timeout:
        break
    if not chunk:
        break
    digest.update(chunk)
    length += len(chunk)
print(length, digest.hexdigest(), flush=True)
`;

function startSlowReader(t: TestContext, port: number, size: number) {
	const child = spawn('python3', ['-c', slowReader, String(port), String(size)], {stdio: ['pipe', 'pipe', 'inherit']});
	t.after(() => child.kill());
	const lines = createInterface({input: child.stdout})[Symbol.asyncIterator]();
	const line = async () => String((await lines.next()).value);
	return {line, go: () => child.stdin.write('go\n')};
}

/** The progress field of the status bar: `file payload.bin 37% of 4.00 MiB`. */
const progress = /\| file payload\.bin (\d+)% of 4\.00 MiB/;

/** socat as the peer: a client of the UI's listener that writes what it receives to its stdout. */
function socatClient(t: TestContext, port: number) {
	const child = spawn('socat', ['-u', `TCP:127.0.0.1:${port}`, 'STDOUT'], {stdio: ['ignore', 'pipe', 'inherit']});
	t.after(() => child.kill());
	const chunks: Buffer[] = [];
	let length = 0;
	const changed = new Condition();
	child.stdout.on('data', (chunk: Buffer) => {
		chunks.push(chunk);
		length += chunk.length;
		changed.notify();
	});
	return {
		waitFor: (wanted: number) =>
			changed.until(() => (length >= wanted ? Buffer.concat(chunks) : undefined), `${wanted} bytes at socat`, {
				seen: () => `socat got ${length}`,
			}),
	};
}

async function sendFile(run: PtyRun, file: string): Promise<void> {
	await run.waitForScreen('#1 TCP 127.0.0.1');
	run.type('\x1b[19~');
	await run.waitForScreen('send file to All peers (Esc cancels) >');
	run.type(`${file}\r`);
}

test('item 8: a 1 MiB file sent with F8 arrives intact at socat (sha256), and the log says how much was sent', async t => {
	const {file, data} = fileOf(t, mebibyte);
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const peer = socatClient(t, await listeningPort(run));
	await sendFile(run, file);
	const received = await peer.waitFor(mebibyte);
	assert.equal(received.length, mebibyte);
	assert.equal(sha256(received), sha256(data));
	// The closing notice is the log's last entry (the opening one may have scrolled away by now).
	await run.waitForScreen('Sent payload.bin to All peers: 1.00 MiB');
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 8: a peer that stops reading holds the file back (backpressure) with a progress line; then it arrives intact', async t => {
	const {file, data} = fileOf(t, 4 * mebibyte);
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const reader = startSlowReader(t, await listeningPort(run), 4 * mebibyte);
	assert.equal(await reader.line(), 'connected');
	await sendFile(run, file);
	// The reader reads nothing yet: the socket's queue fills, the router pauses local input, and the
	// file stops part way, which the status bar shows.
	const screen = await run.waitForScreen(progress);
	const percent = Number(screen.match(progress)![1]);
	assert.ok(percent < 100, `held back at ${percent}%`);
	reader.go();
	assert.equal(await reader.line(), `${4 * mebibyte} ${sha256(data)}`);
	await run.waitForScreen('Sent payload.bin to All peers: 4.00 MiB');
	await run.waitForScreen(rows => !rows.some(row => progress.test(row)));
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 8: Esc cancels a file in flight: what left is a prefix of the file, and nothing follows', async t => {
	const {file, data} = fileOf(t, 4 * mebibyte);
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const reader = startSlowReader(t, await listeningPort(run), 4 * mebibyte);
	assert.equal(await reader.line(), 'connected');
	await sendFile(run, file);
	await run.waitForScreen(progress);
	run.type('\x1b');
	const screen = await run.waitForScreen(/Cancelled sending payload\.bin: [\d.]+ [KM]?i?B of 4\.00 MiB sent/);
	assert.ok(!progress.test(screen), 'the progress line is gone');
	reader.go();
	const [length, digest] = (await reader.line()).split(' ');
	assert.ok(Number(length) < 4 * mebibyte, `${length} bytes arrived`);
	assert.equal(digest, sha256(data.subarray(0, Number(length))));
	run.type('\x03');
	await assertRestored(run, 130);
});
