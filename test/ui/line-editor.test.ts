import assert from 'node:assert/strict';
import {test} from 'node:test';
import {editLine, emptyLine, visibleLine, type LineState} from '../../source/ui/line-editor.js';

const type = (state: LineState, ...keys: string[]) => keys.reduce((line, key) => editLine(line, Buffer.from(key)), state);

test('keys typed in one burst all land, in order', () => {
	assert.deepEqual(type(emptyLine, 'h', 'i', ' ', 'there', '\x7f', 'e'), {value: 'hi there', cursor: 8});
});

test('cursor moves, deletes and clears', () => {
	const line = type(emptyLine, 'abcd', '\x1b[D', '\x1b[D', 'X');
	assert.deepEqual(line, {value: 'abXcd', cursor: 3});
	assert.deepEqual(type(line, '\x1b[3~'), {value: 'abXd', cursor: 3});
	assert.deepEqual(type(line, '\x01', '\x7f'), {value: 'abXcd', cursor: 0});
	assert.deepEqual(type(line, '\x01', '\x1b[C', '\x05'), {value: 'abXcd', cursor: 5});
	assert.deepEqual(type(line, '\x15'), {value: 'cd', cursor: 0}, 'Ctrl-U deletes to the start, as readline');
	assert.deepEqual(type(emptyLine, '日本', '\x1b[D', '語'), {value: '日語本', cursor: 2});
});

test('unknown sequences and terminal-steering characters never enter the line', () => {
	assert.equal(type(emptyLine, '\x1b[15~', '\x1bx'), emptyLine);
	assert.deepEqual(type(emptyLine, 'a\u009bb\u202ec'), {value: 'abc', cursor: 3});
});

test('a long line shows the part around the cursor', () => {
	const line = type(emptyLine, 'abcdefghij');
	assert.deepEqual(visibleLine(line, 5), {text: 'hij', cursor: 3});
	assert.deepEqual(visibleLine(type(line, '\x01'), 5), {text: 'abcd', cursor: 0});
});

test('readline keys: Home/End, Ctrl-U to the start, Ctrl-W the word before the cursor', () => {
	const line = type(emptyLine, 'say hello  world');
	assert.deepEqual(type(line, '\x17'), {value: 'say hello  ', cursor: 11});
	assert.deepEqual(type(line, '\x17', '\x17'), {value: 'say ', cursor: 4}, 'spaces before the word go with it');
	assert.deepEqual(type(line, '\x1b[H', '\x17'), {value: line.value, cursor: 0}, 'nothing before the cursor');
	assert.deepEqual(type(line, '\x1b[H', 'X', '\x1b[F', 'Y'), {value: 'Xsay hello  worldY', cursor: 18});
	assert.deepEqual(type(line, '\x1bOH', '\x1b[C', '\x1b[C', '\x1b[C', '\x15'), {value: ' hello  world', cursor: 0});
	assert.deepEqual(type(line, '\x1b[1~', '\x1b[4~'), line, 'the VT220 Home and End');
});
