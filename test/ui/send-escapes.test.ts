// F7's escapes: exactly the bytes the line spells, and a refusal (not a guess) for anything else.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decodeEscapes} from '../../source/ui/send-escapes.js';

const bytes = (line: string) => {
	const decoded = decodeEscapes(line);
	assert.ok('bytes' in decoded, `refused: ${JSON.stringify(decoded)}`);
	return [...decoded.bytes];
};

test('\\x00\\xff is two bytes; \\n \\r \\t \\\\ are theirs; the rest is UTF-8', () => {
	assert.deepEqual(bytes('\\x00\\xff'), [0x00, 0xff]);
	assert.deepEqual(bytes('a\\r\\n\\t\\\\b'), [0x61, 0x0d, 0x0a, 0x09, 0x5c, 0x62]);
	assert.deepEqual(bytes('é\\xC3\\xa9'), [0xc3, 0xa9, 0xc3, 0xa9]);
	assert.deepEqual(bytes('\\\\x41'), [0x5c, 0x78, 0x34, 0x31], 'an escaped backslash is not the start of \\x');
	assert.deepEqual(bytes(''), []);
});

test('a malformed or unknown escape is refused with where it is', () => {
	assert.deepEqual(decodeEscapes('ab\\x4'), {error: '\\x needs two hex digits (at column 3)'});
	assert.deepEqual(decodeEscapes('\\xg0'), {error: '\\x needs two hex digits (at column 1)'});
	assert.match((decodeEscapes('C:\\dir') as {error: string}).error, /^\\d is not an escape .*column 3/);
	assert.match((decodeEscapes('end\\') as {error: string}).error, /^a lone \\ at the end/);
});
