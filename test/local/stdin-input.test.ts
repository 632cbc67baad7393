import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {StdinInput} from '../../source/local/stdin-input.js';

function feed(chunks: Buffer[], sendSize?: number): Promise<Buffer[]> {
	const stream = new PassThrough() as unknown as NodeJS.ReadStream;
	const received: Buffer[] = [];
	return new Promise(resolve => {
		const input = new StdinInput(stream, {
			...(sendSize ? {sendSize} : {}),
			keystrokes: true,
			crlf: false,
			onData: data => received.push(data),
			onEnd: () => resolve(received),
			onInterrupt: () => {},
			onError: () => {},
		});
		input.start();
		for (const chunk of chunks) (stream as unknown as PassThrough).write(chunk);
		(stream as unknown as PassThrough).end();
	});
}

test('--ss cuts chunks into pieces of at most N bytes, without copying', async () => {
	const chunk = Buffer.from('abcdefghij');
	const pieces = await feed([chunk], 4);
	assert.deepEqual(
		pieces.map(piece => piece.toString()),
		['abcd', 'efgh', 'ij'],
	);
	assert.equal(pieces[0]!.buffer, chunk.buffer, 'a piece is a view of the chunk read');
});

test('without --ss chunks pass as they arrive', async () => {
	const pieces = await feed([Buffer.from('one'), Buffer.from('two')]);
	assert.deepEqual(
		pieces.map(piece => piece.toString()),
		['one', 'two'],
	);
});

test('a stream that is not a terminal is never put in raw mode', async () => {
	const pieces = await feed([Buffer.from([0x03, 0x04])]);
	assert.deepEqual(pieces[0], Buffer.from([0x03, 0x04]), 'control bytes in a pipe are data');
});
