import assert from 'node:assert/strict';
import {test} from 'node:test';
import {hexDumpLines, safeText, safeTextSegments, splitLines} from '../source/render-bytes.js';

test('every single byte value 0-255 is shown printable or escaped, never raw', () => {
	for (let byte = 0; byte < 256; byte++) {
		const text = safeText(Buffer.from([byte]));
		if (byte >= 0x20 && byte < 0x7f) assert.equal(text, String.fromCharCode(byte), `byte ${byte}`);
		else assert.equal(text, `\\x${byte.toString(16).padStart(2, '0')}`, `byte ${byte}`);
	}
});

test('no output ever holds a C0, DEL or C1 control character', () => {
	const all = Buffer.from(Array.from({length: 256}, (_, index) => index));
	const twice = Buffer.concat([all, all.reverse()]);
	assert.doesNotMatch(safeText(twice), /[\x00-\x1f\x7f-\x9f]/);
});

test('valid UTF-8 passes through, invalid UTF-8 bytes are escaped one by one', () => {
	assert.equal(safeText(Buffer.from('héllo → 日本 🦀')), 'héllo → 日本 🦀');
	assert.equal(safeText(Buffer.from([0xc3])), '\\xc3'); // truncated sequence
	assert.equal(safeText(Buffer.from([0xc0, 0xaf])), '\\xc0\\xaf'); // overlong '/'
	assert.equal(safeText(Buffer.from([0xe0, 0x80, 0xaf])), '\\xe0\\x80\\xaf'); // overlong
	assert.equal(safeText(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80'); // surrogate
	assert.equal(safeText(Buffer.from([0xf4, 0x90, 0x80, 0x80])), '\\xf4\\x90\\x80\\x80'); // > U+10FFFF
	assert.equal(safeText(Buffer.from([0x41, 0xe2, 0x82, 0x42])), 'A\\xe2\\x82B');
});

test('C1 controls, bidi overrides and line separators are escaped even when well-formed', () => {
	assert.equal(safeText(Buffer.from('\u009b31m')), '\\xc2\\x9b31m');
	assert.equal(safeText(Buffer.from('a\u202eb')), 'a\\xe2\\x80\\xaeb');
	assert.equal(safeText(Buffer.from('a\u2028b')), 'a\\xe2\\x80\\xa8b');
});

test('a hostile payload becomes plain and dim runs with no escape character left', () => {
	const hostile = Buffer.from('\x1b]0;pwned\x07\x1b[2J\x1b[Hok\r\n');
	const segments = safeTextSegments(hostile);
	assert.deepEqual(segments, [
		{text: '\\x1b', escaped: true},
		{text: ']0;pwned', escaped: false},
		{text: '\\x07\\x1b', escaped: true},
		{text: '[2J', escaped: false},
		{text: '\\x1b', escaped: true},
		{text: '[Hok', escaped: false},
		{text: '\\x0d\\x0a', escaped: true},
	]);
});

test('payloads split into lines after each LF', () => {
	const lines = splitLines(Buffer.from('one\ntwo\nthree')).map(line => Buffer.from(line).toString());
	assert.deepEqual(lines, ['one\n', 'two\n', 'three']);
	assert.deepEqual(
		splitLines(Buffer.from('')).map(line => line.length),
		[0],
	);
	assert.deepEqual(
		splitLines(Buffer.from('x\n')).map(line => Buffer.from(line).toString()),
		['x\n'],
	);
});

test('hex dump shows offset, two groups of eight and ASCII', () => {
	const lines = hexDumpLines(Buffer.from('hello, world\n\x00\x1b\xff-more', 'latin1'));
	assert.deepEqual(lines, [
		'0000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 1b ff  |hello, world....|',
		'0010  2d 6d 6f 72 65                                    |-more|',
	]);
	assert.deepEqual(hexDumpLines(Buffer.alloc(0)), []);
	for (let byte = 0; byte < 256; byte++) {
		const [line] = hexDumpLines(Buffer.from([byte]));
		assert.match(line!, new RegExp(`^0000  ${byte.toString(16).padStart(2, '0')} `));
		assert.doesNotMatch(line!, /[\x00-\x1f\x7f-\xff]/);
	}
});
