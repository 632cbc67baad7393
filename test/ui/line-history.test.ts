// Ctrl-P / Ctrl-N as readline walks them: the draft survives a walk, edits start a new walk.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {LineHistory} from '../../source/ui/line-history.js';

test('walking back and forth keeps the line being typed as a draft', () => {
	const history = new LineHistory();
	for (const line of ['one', 'two', 'three']) history.add(line);
	assert.equal(history.previous('draft'), 'three');
	assert.equal(history.previous('three'), 'two');
	assert.equal(history.previous('two'), 'one');
	assert.equal(history.previous('one'), undefined, 'the oldest line is the end');
	assert.equal(history.next(), 'two');
	assert.equal(history.next(), 'three');
	assert.equal(history.next(), 'draft');
	assert.equal(history.next(), undefined, 'already at the draft');
});

test('empty lines and repeats are not remembered; the oldest fall off past the limit', () => {
	const history = new LineHistory(2);
	for (const line of ['a', '', 'b', 'b', 'c']) history.add(line);
	assert.equal(history.size, 2);
	assert.equal(history.previous(''), 'c');
	assert.equal(history.previous('c'), 'b');
	assert.equal(history.previous('b'), undefined);
});

test('after an edit the walk starts again from the newest line', () => {
	const history = new LineHistory();
	history.add('x');
	history.add('y');
	assert.equal(history.previous(''), 'y');
	assert.equal(history.previous('y'), 'x');
	history.edited();
	assert.equal(history.previous('x!'), 'y');
	assert.equal(history.next(), 'x!', 'the edited line is the draft');
});
