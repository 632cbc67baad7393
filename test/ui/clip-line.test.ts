import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clipLine, compactLine, displayLine, maxSegmentsPerLine, type DisplayLine} from '../../source/ui/log-lines.js';

const text = (line: DisplayLine) => line.map(segment => segment.text).join('');

test('Given a line longer than the width, When clipped, Then it keeps exactly the first width characters and their styles', () => {
	const line: DisplayLine = [
		{text: '12:00:00 ', style: 'time'},
		{text: 'abc', style: 'plain'},
		{text: '\\x1b'.repeat(1000), style: 'escaped'},
	];
	const clipped = clipLine(line, 20);
	assert.equal(text(clipped), '12:00:00 abc\\x1b\\x1b');
	assert.deepEqual(
		clipped.map(segment => segment.style),
		['time', 'plain', 'escaped'],
	);
});

test('Given a line that fits, When clipped, Then it is unchanged', () => {
	const line: DisplayLine = [{text: 'short', style: 'plain'}];
	assert.deepEqual(clipLine(line, 80), line);
});

test('Given characters outside the BMP at the cut, When clipped, Then no surrogate pair is split', () => {
	const clipped = clipLine([{text: '😀'.repeat(10), style: 'plain'}], 3);
	assert.ok([...text(clipped)].every(character => character === '😀'));
	assert.ok(text(clipped).length <= 6);
});

test('Given neighbours of one style, When compacted, Then they are joined and the text is unchanged', () => {
	const line: DisplayLine = [
		{text: '12:00:00 ', style: 'time'},
		{text: 'ab', style: 'plain'},
		{text: 'cd', style: 'plain'},
		{text: '\\x00', style: 'escaped'},
	];
	assert.deepEqual(compactLine(line), [
		{text: '12:00:00 ', style: 'time'},
		{text: 'abcd', style: 'plain'},
		{text: '\\x00', style: 'escaped'},
	]);
});

test('Given a binary line of many plain/escaped runs, When painted, Then its payload is one dim ASCII segment that fits the width', () => {
	const payload: DisplayLine = [];
	for (let index = 0; index < maxSegmentsPerLine * 4; index++) {
		payload.push(index % 2 === 0 ? {text: 'é中😀a', style: 'plain'} : {text: '\\x1b', style: 'escaped'});
	}
	const line = displayLine([{text: '12:00:00 ', style: 'time'}, ...payload], 60);
	assert.deepEqual(
		line.map(segment => segment.style),
		['time', 'escaped'],
	);
	assert.equal(text(line).length, 60);
	assert.match(line[1]!.text, /^\\xc3\\xa9\\xe4\\xb8\\xad\\xf0\\x9f\\x98\\x80a\\x1b/);
	assert.match(text(line), /^[\x20-\x7e]*$/);
});

test('Given a line with few style changes, When painted, Then non-ASCII text is kept as it is', () => {
	const line = displayLine(
		[
			{text: 'é中', style: 'plain'},
			{text: '\\x00', style: 'escaped'},
		],
		80,
	);
	assert.equal(text(line), 'é中\\x00');
});
