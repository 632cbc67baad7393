// The capture key in a real pseudo-terminal: Ctrl-O asks for a file, the status bar shows it and
// its size, Ctrl-O stops it; the file is then read back by tshark.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {connectPeer} from '../helpers/peers.js';
import {startInPty} from '../helpers/term.js';
import {followTcp, packetFields, tsharkMissing} from '../helpers/tshark.js';

test('Ctrl-O starts a capture from a prompt, the status bar shows file and size, Ctrl-O stops it', {skip: tsharkMissing}, async t => {
	const directory = mkdtempSync(join(tmpdir(), 'ncap-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const file = join(directory, 'live.pcapng');
	const run = startInPty(['-L', '127.0.0.1:0'], {columns: 150, rows: 24});
	t.after(() => run.kill());
	const screen = await run.waitForScreen(/TCP 127\.0\.0\.1:(\d+) listening/);
	const port = Number(/TCP 127\.0\.0\.1:(\d+) listening/.exec(screen)![1]);
	const peer = await connectPeer(port);
	t.after(() => peer.socket.destroy());
	await run.waitForScreen('#1 TCP 127.0.0.1');

	run.type('\x0f');
	await run.waitForScreen('capture to file');
	run.type(`${file}\r`);
	await run.waitForScreen(`cap ${file} `);
	peer.socket.write('hello from the peer');
	await run.waitForScreen('hello from the peer');
	run.type('k');
	assert.equal((await peer.waitFor(1)).toString(), 'k', 'keys still go to the peer once the prompt closed');
	await run.waitForScreen(new RegExp(`cap ${file.replace(/[.]/g, '\\.')} [1-9]`));

	run.type('\x0f');
	await run.waitForScreen('Capture stopped');
	const stream = await followTcp(file, 0);
	assert.equal(stream.data0.toString(), 'hello from the peer');
	assert.equal(stream.data1.toString(), 'k');
	assert.equal(stream.node0, `127.0.0.1:${peer.socket.localPort}`, 'a connection open before the capture is written from its handshake');
	assert.deepEqual(
		await packetFields(file, ['frame.number'], 'tcp.flags.fin == 1 || tcp.flags.reset == 1'),
		[],
		'the connection is still open: the file does not say it ended',
	);

	// Esc cancels the prompt, and the typed name goes nowhere.
	run.type('\x0f');
	await run.waitForScreen('capture to file');
	run.type('abc');
	await run.waitForScreen('Esc cancels) > abc');
	run.type('\x1b');
	await run.waitForScreen(/^(?![^]*capture to file)[^]*\[keys\] to/);
	run.type('z');
	assert.equal((await peer.waitFor(2)).toString(), 'kz');
	run.type('\x03');
	await run.exited;
});
