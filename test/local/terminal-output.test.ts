import assert from 'node:assert/strict';
import {test} from 'node:test';
import {escapeForTerminal} from '../../source/local/terminal-output.js';
import {connectPeer} from '../helpers/peers.js';
import {startInPty} from '../helpers/term.js';

test('control bytes are escaped, line ends kept', () => {
	assert.equal(escapeForTerminal(Buffer.from('hi\r\nthere\n')), 'hi\nthere\n');
	assert.equal(escapeForTerminal(Buffer.from('\x1b[2J\x1b]0;t\x07x\r')), '\\x1b[2J\\x1b]0;t\\x07x\\x0d');
	assert.equal(escapeForTerminal(Buffer.from([0xff, 0x41, 0xc3, 0xa9])), '\\xffAé');
	for (let byte = 0; byte < 256; byte++) {
		if (byte === 0x0a) continue;
		const text = escapeForTerminal(Buffer.from([byte]));
		assert.doesNotMatch(text, /[\x00-\x1f\x7f-\x9f]/, `byte ${byte} reached the terminal raw`);
	}
});

test('plain mode on a terminal: a hostile peer cannot steer the screen', async t => {
	const run = startInPty(['--no-tui', '-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const screen = await run.waitForScreen(/Listening on 127\.0\.0\.1:(\d+)/);
	const port = Number(/Listening on 127\.0\.0\.1:(\d+)/.exec(screen)![1]);
	const peer = await connectPeer(port);
	peer.socket.write('\x1b]0;pwned\x07\x1b[2J\x1b[Hclean line\r\n');
	await run.waitForScreen(/\\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[Hclean line/);
	assert.deepEqual(run.titles, [], 'the title was not changed');
	assert.match(run.screen(), /Listening on/, 'the screen was not cleared');
	peer.socket.destroy();
});
