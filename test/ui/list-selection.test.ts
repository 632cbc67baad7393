import assert from 'node:assert/strict';
import {test} from 'node:test';
import {moveSelection} from '../../source/ui/list-selection.js';

const listeners = ['127.0.0.1:5000', '[::1]:5000'];

test('Down from All peers walks the listener rows, then the routes, as the list shows them', () => {
	assert.deepEqual(moveSelection('all', listeners, [3, 4], 1), {listener: '127.0.0.1:5000'});
	assert.deepEqual(moveSelection({listener: '127.0.0.1:5000'}, listeners, [3, 4], 1), {listener: '[::1]:5000'});
	assert.equal(moveSelection({listener: '[::1]:5000'}, listeners, [3, 4], 1), 3);
	assert.equal(moveSelection(4, listeners, [3, 4], 1), 4, 'clamped at the end');
});

test('Up from the first route lands on the last listener, then All peers', () => {
	assert.deepEqual(moveSelection(3, listeners, [3, 4], -1), {listener: '[::1]:5000'});
	assert.equal(moveSelection({listener: '127.0.0.1:5000'}, listeners, [3, 4], -1), 'all');
	assert.equal(moveSelection('all', listeners, [3], -1), 'all');
});

test('a route that left keeps its place; a listener that closed counts as All peers', () => {
	assert.equal(moveSelection(4, [], [3, 5], 1), 5);
	assert.equal(moveSelection(4, [], [3, 5], -1), 3);
	assert.deepEqual(moveSelection({listener: 'gone:1'}, listeners, [3], 1), {listener: '127.0.0.1:5000'});
});
