// The one prompt of the input line as a state machine: editing, Enter, Esc, errors that keep it
// open, a busy submit that holds keys back, a new prompt replacing an open one.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Prompt} from '../../source/ui/prompt.js';

function typeInto(prompt: Prompt, text: string): void {
	for (const char of text) prompt.key(Buffer.from(char));
}

const settle = () => new Promise(resolve => setImmediate(resolve));

test('Enter hands the typed text to submit and closes; Esc cancels without submitting', () => {
	const submitted: string[] = [];
	let cancelled = 0;
	const prompt = new Prompt(() => {});
	prompt.open({label: 'search: ', initial: 'ab', submit: value => void submitted.push(value), cancel: () => cancelled++});
	assert.deepEqual(prompt.view(), {label: 'search: ', line: {value: 'ab', cursor: 2}, busy: false});
	typeInto(prompt, 'c\x7fd\r');
	assert.deepEqual(submitted, ['abd']);
	assert.equal(prompt.isOpen, false);
	prompt.open({label: 'x: ', submit: value => void submitted.push(value), cancel: () => cancelled++});
	typeInto(prompt, 'zz\x1b');
	assert.equal(prompt.isOpen, false);
	assert.deepEqual(submitted, ['abd']);
	assert.equal(cancelled, 1);
});

test('an error from submit keeps the prompt open with the error, and the next key clears it', () => {
	const prompt = new Prompt(() => {});
	prompt.open({label: '#', submit: value => (/^\d+$/.test(value) ? undefined : `not a route number: ${value}`)});
	typeInto(prompt, 'x\r');
	assert.equal(prompt.view()?.error, 'not a route number: x');
	typeInto(prompt, '\x7f');
	assert.equal(prompt.view()?.error, undefined);
	typeInto(prompt, '7\r');
	assert.equal(prompt.isOpen, false);
});

test('a thrown error is shown like a returned one; an async submit is busy until it settles', async () => {
	const prompt = new Prompt(() => {});
	prompt.open({
		label: 'open: ',
		submit: () => {
			throw new Error('bad address');
		},
	});
	typeInto(prompt, '\r');
	assert.equal(prompt.view()?.error, 'bad address');
	let finish: (error: string | undefined) => void = () => {};
	prompt.open({label: 'open: ', submit: () => new Promise(resolve => (finish = resolve))});
	typeInto(prompt, 'a\r');
	assert.equal(prompt.view()?.busy, true);
	typeInto(prompt, 'b');
	assert.equal(prompt.view()?.line.value, 'a', 'keys wait while busy');
	finish('refused');
	await settle();
	assert.deepEqual(prompt.view(), {label: 'open: ', line: {value: 'a', cursor: 1}, busy: false, error: 'refused'});
});

test('opening a prompt cancels the one that was open', () => {
	const cancelled: string[] = [];
	const prompt = new Prompt(() => {});
	prompt.open({label: 'a', submit: () => undefined, cancel: () => cancelled.push('a')});
	prompt.open({label: 'b', submit: () => undefined, cancel: () => cancelled.push('b')});
	assert.deepEqual(cancelled, ['a']);
	assert.equal(prompt.view()?.label, 'b');
});
