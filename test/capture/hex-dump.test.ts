// The hex dump's lines are ncat -x's: compared with what ncat itself writes for the same bytes.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {hexLines} from '../../source/capture/hex-dump-recorder.js';
import {listenPeer} from '../helpers/peers.js';

const ncatMissing = spawnSync('ncat', ['--version']).status === 0 ? false : 'ncat is not installed';

test('hex lines match ncat -x for the same chunk', {skip: ncatMissing}, async t => {
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-hex-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const file = join(directory, 'ncat.txt');
	const server = await listenPeer();
	t.after(() => server.close());
	const chunk = Buffer.concat([Buffer.from('hello world, a line of text '), Buffer.from([0, 1, 0x7f, 0x80, 0xff, 0x20, 0x0a])]);
	const ncat = spawn('ncat', ['-x', file, '--send-only', '127.0.0.1', String(server.port)], {stdio: ['pipe', 'ignore', 'ignore']});
	ncat.stdin.end(chunk);
	const accepted = await server.accepted();
	await accepted.waitFor(chunk.length);
	await new Promise(resolve => ncat.on('close', () => resolve(undefined)));
	const trim = (text: string) => text.split('\n').map(line => line.trimEnd()).filter(Boolean);
	assert.deepEqual(trim(hexLines(chunk)), trim(readFileSync(file, 'latin1')));
});

test('hex lines: 16 bytes a line in two groups, offsets widen past 64 KiB', () => {
	// The hex column is always 16 * 3 + 1 wide, so the text column lines up on every line.
	assert.equal(hexLines(Buffer.from('ab')), `0000   61 62 ${' '.repeat(43)} ab${' '.repeat(14)}\n`);
	const big = hexLines(Buffer.alloc(0x10010));
	assert.match(big.split('\n').at(-2)!, /^00010000   00/);
});
