import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clipLine, type DisplayLine} from '../../source/ui/log-lines.js';

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
