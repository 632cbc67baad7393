import assert from 'node:assert/strict';
import {test} from 'node:test';
import {actionFor, bindings, keystrokeBytes, splitKeys} from '../../source/ui/keymap.js';

const keys = (text: string) => splitKeys(Buffer.from(text, 'latin1')).map(key => key.toString('latin1'));

test('every binding has a label, a description and sequences no other binding claims', () => {
	const seen = new Map<string, string>();
	for (const binding of bindings) {
		assert.ok(binding.label && binding.description && binding.sequences.length > 0, binding.action);
		for (const sequence of binding.sequences) {
			assert.equal(seen.get(sequence), undefined, `${JSON.stringify(sequence)} bound twice`);
			seen.set(sequence, binding.action);
		}
	}
});

test('the issue table keys map to their actions', () => {
	const expected: Array<[string, string]> = [
		['\x1b[A', 'select-previous'],
		['\x1bOB', 'select-next'],
		['\x14', 'toggle-input-mode'],
		['\x06', 'cycle-forwarding'],
		['\x18', 'toggle-view'],
		['\x0b', 'disconnect'],
		['\x1b[5~', 'page-up'],
		['\x1b[6~', 'page-down'],
		['\x1b[F', 'live-tail'],
		['\x1bOP', 'help'],
		['\x07', 'help'],
		['\x1b', 'close-help'],
		['\x03', 'quit'],
	];
	for (const [sequence, action] of expected) assert.equal(actionFor(Buffer.from(sequence, 'latin1')), action, JSON.stringify(sequence));
	assert.equal(actionFor(Buffer.from('a')), undefined);
	assert.equal(actionFor(Buffer.from('\x01')), undefined);
});

test('terminal input splits into keys: sequences, control bytes and text runs', () => {
	assert.deepEqual(keys('hello\r'), ['hello', '\r']);
	assert.deepEqual(keys('\x1b[A\x1b[B\x1bOP\x14x'), ['\x1b[A', '\x1b[B', '\x1bOP', '\x14', 'x']);
	assert.deepEqual(keys('\x1b[5~\x1b[[A\x1b'), ['\x1b[5~', '\x1b[[A', '\x1b']);
	assert.deepEqual(keys('\x1b\x1bx'), ['\x1b', '\x1bx']);
	assert.deepEqual(keys('a\x7fb\x03'), ['a', '\x7f', 'b', '\x03']);
	assert.deepEqual(
		splitKeys(Buffer.from('héllo')).map(key => key.toString()),
		['héllo'],
	);
});

test('keystroke mode sends Enter as a line end and drops navigation sequences', () => {
	assert.equal(keystrokeBytes(Buffer.from('\r'), false)!.toString(), '\n');
	assert.equal(keystrokeBytes(Buffer.from('\r'), true)!.toString(), '\r\n');
	assert.deepEqual(keystrokeBytes(Buffer.from([0x7f]), false), Buffer.from([0x7f]));
	assert.deepEqual(keystrokeBytes(Buffer.from([0x01]), false), Buffer.from([0x01]));
	assert.deepEqual(keystrokeBytes(Buffer.from([0x1b]), false), Buffer.from([0x1b]));
	assert.equal(keystrokeBytes(Buffer.from('\x1b[D'), false), undefined);
	assert.equal(keystrokeBytes(Buffer.from('abc'), false)!.toString(), 'abc');
});
