// FileStdin: a regular file on stdin, read 1 MiB at a time into buffers that are used again once
// their bytes are gone (issue 17). Real files in the temp directory.
import assert from 'node:assert/strict';
import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {FileStdin} from '../../source/local/file-stdin.js';

const MiB = 1 << 20;

function withFile(bytes: Buffer, body: (fd: number) => Promise<void>): Promise<void> {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'file-stdin-'));
	const file = path.join(directory, 'input');
	writeFileSync(file, bytes);
	const fd = openSync(file, 'r');
	return body(fd).finally(() => {
		closeSync(fd);
		rmSync(directory, {recursive: true, force: true});
	});
}

function pattern(length: number): Buffer {
	const bytes = Buffer.alloc(length);
	for (let index = 0; index < length; index++) bytes[index] = (index * 7 + (index >> 12)) & 0xff;
	return bytes;
}

/** Reads the whole file; each chunk is copied (as a consumer that wrote it out would not need). */
function readAll(stream: FileStdin): Promise<{chunks: Buffer[]; copies: Buffer[]}> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		const copies: Buffer[] = [];
		stream.on('data', (data: Buffer) => {
			chunks.push(data);
			copies.push(Buffer.from(data));
		});
		stream.on('end', () => resolve({chunks, copies}));
		stream.on('error', reject);
		stream.resume();
	});
}

test('Given bytes that left at once (released), When a 5 MiB file is read, Then every chunk goes into the same buffer and the bytes are exact', async () => {
	const bytes = pattern(5 * MiB + 123);
	await withFile(bytes, async fd => {
		const stream = new FileStdin(fd);
		stream.reuseBuffersWhen(() => 0);
		const {chunks, copies} = await readAll(stream);
		assert.deepEqual(Buffer.concat(copies), bytes);
		assert.equal(new Set(chunks.map(chunk => chunk.buffer)).size, 1, 'one buffer read into again');
	});
});

test('Given bytes still held by a destination, When the file is read, Then no buffer is read into twice and every chunk keeps its bytes', async () => {
	const bytes = pattern(5 * MiB);
	await withFile(bytes, async fd => {
		const stream = new FileStdin(fd);
		stream.reuseBuffersWhen(() => Number.POSITIVE_INFINITY);
		const {chunks} = await readAll(stream);
		assert.deepEqual(Buffer.concat(chunks), bytes);
		assert.equal(new Set(chunks.map(chunk => chunk.buffer)).size, chunks.length);
	});
});

test('Given a destination that always holds the last chunk, When the file is read, Then two buffers take turns and the bytes are exact', async () => {
	const bytes = pattern(5 * MiB + 7);
	await withFile(bytes, async fd => {
		const stream = new FileStdin(fd);
		// As a relay whose sink always has a little queued: the rule before read into a buffer again
		// only when nothing at all was held, so every read took a fresh one (issue 17).
		stream.reuseBuffersWhen(() => MiB);
		const {chunks, copies} = await readAll(stream);
		assert.deepEqual(Buffer.concat(copies), bytes);
		assert.equal(new Set(chunks.map(chunk => chunk.buffer)).size, 2, 'the one before the held chunk is read into again');
	});
});

test('Given a paused stream, When a read completes, Then its chunk waits for resume and end comes after it', async () => {
	const bytes = pattern(1000);
	await withFile(bytes, async fd => {
		const stream = new FileStdin(fd);
		const events: string[] = [];
		stream.on('data', (data: Buffer) => {
			events.push(`data ${data.length}`);
			stream.pause();
		});
		const ended = new Promise<void>(resolve => stream.on('end', resolve));
		stream.on('end', () => events.push('end'));
		stream.resume();
		while (events.length === 0) await new Promise(resolve => setTimeout(resolve, 5));
		assert.deepEqual(events, ['data 1000']);
		stream.resume();
		await ended;
		assert.deepEqual(events, ['data 1000', 'end']);
	});
});
