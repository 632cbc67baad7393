// pcapng blocks and the recorder's comments, read back by tshark: a TLS route says its packets
// are the decrypted plaintext; a Unix route says it is written as loopback TCP.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {encodeOptions, enhancedPacketBlock, interfaceDescriptionBlock, sectionHeaderBlock} from '../../source/capture/pcapng-blocks.js';
import {PcapngRecorder} from '../../source/capture/pcapng-recorder.js';
import {addressBytes, pathPort, routeEndpoints, tlsNote} from '../../source/capture/route-endpoints.js';
import type {RouteInfo} from '../../source/router/route.js';
import {captureInfo, followTcp, packetFields, tsharkMissing} from '../helpers/tshark.js';

function tempFile(t: TestContext, name: string): string {
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-pcapng-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	return join(directory, name);
}

function blockFrame(block: Buffer): void {
	assert.equal(block.length % 4, 0, 'blocks are 32-bit aligned');
	assert.equal(block.readUInt32LE(4), block.length, 'the leading length is the block length');
	assert.equal(block.readUInt32LE(block.length - 4), block.length, 'the trailing length repeats it');
}

test('blocks are framed, aligned and carry their options', () => {
	blockFrame(sectionHeaderBlock({application: 'netcrab-tui 1.2.3', os: 'Linux'}));
	assert.equal(sectionHeaderBlock({application: 'x'}).readUInt32LE(8), 0x1a2b3c4d);
	blockFrame(interfaceDescriptionBlock({linkType: 1, name: 'listener 127.0.0.1:5000', description: 'odd length!'}));
	for (const length of [0, 1, 2, 3, 4, 5]) {
		const parts = enhancedPacketBlock(
			{interfaceId: 0, timestampMicros: 1_700_000_000_123_456, direction: 'inbound', comment: 'c'.repeat(length)},
			Buffer.alloc(54),
			Buffer.alloc(length, 0x61),
		);
		const block = Buffer.concat(parts);
		blockFrame(block);
		assert.equal(block.readUInt32LE(20), 54 + length, 'captured length');
		assert.equal(block.readUInt32LE(12) * 2 ** 32 + block.readUInt32LE(16), 1_700_000_000_123_456, 'timestamp in microseconds');
	}
	assert.deepEqual(encodeOptions([]), Buffer.alloc(0));
	assert.deepEqual([...encodeOptions([{code: 1, value: Buffer.from('abcde')}])], [1, 0, 5, 0, 97, 98, 99, 100, 101, 0, 0, 0, 0, 0, 0, 0]);
});

test("a packet payload is written as the caller's buffer, not a copy", () => {
	const payload = Buffer.from('zero copy');
	const parts = enhancedPacketBlock({interfaceId: 0, timestampMicros: 0, direction: 'outbound'}, Buffer.alloc(54), payload);
	assert.equal(parts[1], payload);
});

test('addresses: IPv4, IPv6 with ::, embedded IPv4, and mixed families written as mapped IPv6', () => {
	assert.deepEqual([...addressBytes('127.0.0.1')], [127, 0, 0, 1]);
	assert.equal(addressBytes('::1').toString('hex'), '00000000000000000000000000000001');
	assert.equal(addressBytes('fe80::1:2').toString('hex'), 'fe800000000000000000000000010002');
	assert.equal(addressBytes('::ffff:127.0.0.1').toString('hex'), '00000000000000000000ffff7f000001');
	const mixed = routeEndpoints(route({local: '[::ffff:127.0.0.1]:5000', peer: '127.0.0.2:40000'}));
	assert.equal(mixed.theirs.address.toString('hex'), '00000000000000000000ffff7f000002');
	assert.equal(mixed.ours.port, 5000);
});

function route(fields: Partial<RouteInfo>): RouteInfo {
	return {
		id: 1,
		protocol: 'tcp',
		origin: 'inbound',
		local: '127.0.0.1:443',
		peer: '127.0.0.1:40000',
		peerHost: '127.0.0.1',
		family: 4,
		...fields,
	};
}

function record(file: string, routes: RouteInfo[]): void {
	const parts: Buffer[] = [];
	const recorder = new PcapngRecorder(
		record => {
			parts.push(...record);
			return true;
		},
		'netcrab-tui 9.9.9',
		info => ({name: `listener ${info.local}`, description: `netcrab-tui listener ${info.local}`}),
	);
	recorder.begin();
	for (const info of routes) {
		recorder.opened(info, 1_700_000_000_000_000);
		recorder.data(info, false, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 1_700_000_000_000_100);
		recorder.data(info, true, Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'), 1_700_000_000_000_200);
		recorder.closed(info, undefined, 1_700_000_000_000_300);
	}
	writeFileSync(file, Buffer.concat(parts));
}

test('a TLS route: its plaintext, with a comment saying it was decrypted', {skip: tsharkMissing}, async t => {
	const file = tempFile(t, 'tls.pcapng');
	const tls = route({tls: {version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', alpn: 'http/1.1'}});
	assert.match(tlsNote(tls)!, /TLSv1\.3, TLS_AES_256_GCM_SHA384, ALPN http\/1\.1.*decrypted plaintext/);
	assert.equal(tlsNote(route({})), undefined);
	record(file, [tls]);
	const comments = (await packetFields(file, ['frame.comment'])).map(([comment]) => comment).filter(Boolean);
	assert.equal(comments.length, 1, 'said once, on the first packet');
	assert.match(comments[0]!, /TLS route 1 \(TLSv1\.3.*the payload is the decrypted plaintext/);
	const stream = await followTcp(file, 0);
	assert.equal(stream.data0.toString(), 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
	assert.equal(stream.node1, '127.0.0.1:443');
	assert.match(await captureInfo(file), /Capture application: netcrab-tui 9\.9\.9/);
});

test('a Unix route: loopback TCP, the listener path hashed to a port, with a comment', {skip: tsharkMissing}, async t => {
	const file = tempFile(t, 'unix.pcapng');
	const unix = route({protocol: 'unix', local: '/tmp/app.sock', peer: 'unix client', peerHost: '', family: undefined, id: 7});
	record(file, [unix]);
	const [first] = await packetFields(file, ['frame.comment', 'ip.src', 'tcp.srcport', 'tcp.dstport']);
	assert.match(first![0]!, /Unix socket route 7 \(local \/tmp\/app\.sock, peer unix client\) written as loopback TCP/);
	assert.equal(first![1], '127.0.0.1');
	assert.equal(Number(first![3]), pathPort('/tmp/app.sock'), "the client connects to the listener's port");
	assert.equal((await followTcp(file, 0)).data1.toString(), 'HTTP/1.1 204 No Content\r\n\r\n');
});
