// Issue 15, items 10-12: the help overlay (F1) lists every steering key, each line within 80 columns.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {helpLines} from '../../source/ui/help-lines.js';
import {actionFor} from '../../source/ui/keymap.js';

test('help lists the steering keys, and each one maps to its action', () => {
	const lines = helpLines();
	for (const label of ['Ctrl-B', 'Ctrl-R', 'F2', 'Ctrl-Y, F12']) {
		assert.ok(
			lines.some(line => line.startsWith(`  ${label.padEnd(12)} `)),
			`${label} is in help`,
		);
	}
	assert.match(
		lines.find(line => line.includes('Ctrl-K'))!,
		/on a listener row: close it/,
	);
	const steering = lines.filter(line => /^ {2}(Ctrl-[BRKY]|F2)[ ,]/.test(line));
	assert.equal(steering.length, 5);
	assert.ok(
		steering.every(line => line.length <= 80),
		'whole at 80 columns',
	);
	const keys: Array<[string, string]> = [
		['\x02', 'mark-pair'],
		['\x12', 'unpair'],
		['\x1bOQ', 'open-endpoint'],
		['\x1b[12~', 'open-endpoint'],
		['\x19', 'set-max-clients'],
		['\x1b[24~', 'set-max-clients'],
	];
	for (const [sequence, action] of keys) assert.equal(actionFor(Buffer.from(sequence, 'latin1')), action, JSON.stringify(sequence));
});

test('every help line is whole at 80 columns (the overlay cuts what is wider)', () => {
	const wide = helpLines().filter(line => line.length > 80);
	assert.deepEqual(wide, []);
});
