// The hex dump's lines are ncat -x's: compared with what ncat itself writes for the same bytes.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {HexDumpRecorder, hexLines} from '../../source/capture/hex-dump-recorder.js';
import type {RouteInfo} from '../../source/router/route.js';
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
	const trim = (text: string) =>
		text
			.split('\n')
			.map(line => line.trimEnd())
			.filter(Boolean);
	assert.deepEqual(trim(hexLines(chunk)), trim(readFileSync(file, 'latin1')));
});

test('hex lines: 16 bytes a line in two groups, offsets widen past 64 KiB', () => {
	// The hex column is always 16 * 3 + 1 wide, so the text column lines up on every line.
	assert.equal(hexLines(Buffer.from('ab')), `0000   61 62 ${' '.repeat(43)} ab${' '.repeat(14)}\n`);
	const big = hexLines(Buffer.alloc(0x10010));
	assert.match(big.split('\n').at(-2)!, /^00010000   00/);
});

test('a TLS route is announced once as decrypted plaintext, when its handshake facts appear', () => {
	const lines: string[] = [];
	const recorder = new HexDumpRecorder(parts => {
		lines.push(Buffer.concat(parts).toString());
		return true;
	}, 'netcrab-tui 0.0.0');
	const route: RouteInfo = {
		id: 4,
		protocol: 'tcp',
		origin: 'inbound',
		local: '127.0.0.1:443',
		peer: '127.0.0.1:40000',
		peerHost: '127.0.0.1',
		family: 4,
	};
	recorder.opened(route, 1_700_000_000_000_000);
	route.tls = {version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256'};
	recorder.data(route, false, Buffer.from('GET /'), 1_700_000_000_000_001);
	recorder.data(route, true, Buffer.from('200'), 1_700_000_000_000_002);
	const notes = lines.filter(line => /decrypted plaintext/.test(line));
	assert.equal(notes.length, 1);
	assert.match(notes[0]!, /route 4 runs TLSv1\.3 \(TLS_AES_128_GCM_SHA256\)/);
	assert.match(lines[0]!, /^\[2023-11-14T22:13:20\.000000Z\] route 4 tcp accepted from 127\.0\.0\.1:40000/);
});
