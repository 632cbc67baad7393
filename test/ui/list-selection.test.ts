import assert from 'node:assert/strict';
import {test} from 'node:test';
import {moveSelection} from '../../source/ui/list-selection.js';

const listeners = ['127.0.0.1:5000', '[::1]:5000'];

test('Down from All peers walks the routes, then the listener rows, as the list shows them', () => {
	assert.equal(moveSelection('all', listeners, [3, 4], 1), 3);
	assert.deepEqual(moveSelection(4, listeners, [3, 4], 1), {listener: '127.0.0.1:5000'});
	assert.deepEqual(moveSelection({listener: '127.0.0.1:5000'}, listeners, [3, 4], 1), {listener: '[::1]:5000'});
	assert.deepEqual(moveSelection({listener: '[::1]:5000'}, listeners, [3, 4], 1), {listener: '[::1]:5000'}, 'clamped at the end');
	assert.deepEqual(moveSelection('all', listeners, [], 1), {listener: '127.0.0.1:5000'}, 'no peer: the first listener');
});

test('Up from the first listener lands on the last route, then All peers', () => {
	assert.equal(moveSelection({listener: '127.0.0.1:5000'}, listeners, [3, 4], -1), 4);
	assert.equal(moveSelection(3, listeners, [3, 4], -1), 'all');
	assert.equal(moveSelection('all', listeners, [3], -1), 'all');
});

test('a route that left keeps its place among the routes', () => {
	assert.equal(moveSelection(4, [], [3, 5], 1), 5);
	assert.equal(moveSelection(4, [], [3, 5], -1), 3);
	assert.deepEqual(moveSelection(4, listeners, [3], 1), {listener: '127.0.0.1:5000'});
});
