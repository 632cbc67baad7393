// Issue 15, item 11: opening a connection or a listener from inside the UI (F2, the command line's
// grammar, errors shown in the prompt) and closing a listener from its row. Through a real
// pseudo-terminal at 80x24, with ncat as the server the new connection reaches.
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {once} from 'node:events';
import {test} from 'node:test';
import {freePort, spawnPeer, waitForPort} from '../helpers/openssl-peers.js';
import {connectPeer} from '../helpers/peers.js';
import {assertRestored, closedPort, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

const f2 = '\x1bOQ';
const down = '\x1b[B';

test('item 11: a connection opened from the prompt is listed and carries bytes both ways (ncat server)', async t => {
	const port = await freePort();
	const server = spawnPeer(t, 'ncat', ['-lk', '127.0.0.1', String(port)]);
	await waitForPort(port);
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await listeningPort(run);
	run.type(f2);
	await run.waitForScreen('open HOST:PORT, or -L ADDR to listen >');
	run.type(`127.0.0.1:${port}\r`);
	await run.waitForScreen(new RegExp(`#1 TCP .*-> 127\\.0\\.0\\.1:${port} connected`));
	assert.doesNotMatch(run.screen(), /open HOST:PORT/, 'the prompt closed once connected');
	// Keystroke mode: each key goes to All peers, here the one new connection.
	run.type('hi\r');
	assert.equal((await server.waitForStdout(3)).toString(), 'hi\n');
	server.child.stdin!.write('back from ncat\n');
	await run.waitForScreen('back from ncat');
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 11: a bad address and a refused connection show their errors in the prompt, which stays open', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await listeningPort(run);
	run.type(f2);
	await run.waitForScreen('open HOST:PORT');
	run.type('127.0.0.1:99999\r');
	await run.waitForScreen(/127\.0\.0\.1:99999 +\[bad port "99999": expected a number from 1 to 65535\]/);
	// The text stays: fix it in place.
	const refused = await closedPort();
	run.type(`${'\x7f'.repeat(5)}${refused}\r`);
	await run.waitForScreen(new RegExp(`\\[cannot connect to 127\\.0\\.0\\.1:${refused}: .*refused`));
	run.type('\x1b');
	await run.waitForScreen(/\[keys\] to All peers/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 11: -L opens a listener from the prompt; Ctrl-K on its row closes it, its client stays', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const first = await listeningPort(run);
	run.type(f2);
	await run.waitForScreen('open HOST:PORT');
	run.type('-L 127.0.0.1:0\r');
	const pattern = /TCP 127\.0\.0\.1:(\d+) listening/g;
	const screen = await run.waitForScreen(text => [...text.join('\n').matchAll(pattern)].length === 2);
	const second = Number([...screen.matchAll(pattern)].map(match => match[1]).find(port => Number(port) !== first));
	const client = await connectPeer(second);
	t.after(() => client.socket.destroy());
	await run.waitForScreen(new RegExp(`#1 TCP 127\\.0\\.0\\.1:${second} <- `));

	// All peers, #1, listener 1, listener 2 (listeners last): Down three times selects the new one.
	run.type(down + down + down);
	await run.waitForScreen(new RegExp(`^> +TCP 127\\.0\\.0\\.1:${second} listening`, 'm'));
	await run.waitForScreen(`to listener 127.0.0.1:${second}`);
	run.type('\x0b');
	await run.waitForScreen(`Closed listener 127.0.0.1:${second} (its 1 client(s) stay connected)`);
	assert.doesNotMatch(run.screen(), new RegExp(`127\\.0\\.0\\.1:${second} listening`));
	const refused = net.connect({port: second, host: '127.0.0.1'});
	const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
	assert.equal(error.code, 'ECONNREFUSED');
	client.socket.write('still here\n');
	await run.waitForScreen('still here');
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 11: schemes as on the command line: -L tls: sets TLS up then and a TLS client gets through; udp: is refused in the prompt', async t => {
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await listeningPort(run);
	run.type(f2);
	await run.waitForScreen('open HOST:PORT');
	run.type('udp:127.0.0.1:9\r');
	await run.waitForScreen('[udp: cannot be mixed with TCP in one run yet]');
	run.type('\x15-L tls:127.0.0.1:0\r');
	const screen = await run.waitForScreen(/TLS 127\.0\.0\.1:(\d+) listening/);
	const port = Number(/TLS 127\.0\.0\.1:(\d+) listening/.exec(screen)![1]);
	assert.match(run.screen(), /TLS certificate: self-signed/);
	const client = tls.connect({port, host: '127.0.0.1', rejectUnauthorized: false});
	t.after(() => client.destroy());
	await once(client, 'secureConnect');
	client.write('over tls\n');
	await run.waitForScreen('over tls');
	await run.waitForScreen(/#1 TLS/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 11: -L unix:PATH opens a Unix listener from the prompt; socat reaches it', async t => {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'netcrab-steer-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const socketPath = path.join(directory, 'live.sock');
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	await listeningPort(run);
	run.type(f2);
	await run.waitForScreen('open HOST:PORT');
	run.type(`-L unix:${socketPath}\r`);
	await run.waitForScreen(`UNIX unix:${socketPath} listening`);
	const client = spawnPeer(t, 'socat', ['-', `UNIX-CONNECT:${socketPath}`]);
	await run.waitForScreen(/#1 UNIX/);
	client.child.stdin!.write('over unix\n');
	await run.waitForScreen('over unix');
	run.type('\x03');
	await assertRestored(run, 130);
});
