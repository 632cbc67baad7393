// Passthrough's one kept-back key: Ctrl-] makes the next key the UI's; twice sends one Ctrl-].
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Passthrough} from '../../source/ui/passthrough.js';

test('every key is sent as is until Ctrl-], which hands the next key to the UI', () => {
	let changes = 0;
	const pass = new Passthrough(() => changes++);
	pass.toggle();
	assert.equal(pass.active, true);
	for (const key of ['\x1b[D', '\x1b[12~', '\x1a', '\x03', '\r', 'text']) {
		assert.deepEqual(pass.route(Buffer.from(key, 'latin1')), {send: Buffer.from(key, 'latin1')});
	}
	assert.equal(pass.route(Buffer.of(0x1d)), 'prefix');
	assert.equal(pass.armed, true);
	assert.equal(pass.route(Buffer.from('\x1b[20~')), 'ui-key');
	assert.equal(pass.armed, false);
	assert.equal(pass.route(Buffer.of(0x1d)), 'prefix');
	assert.deepEqual(pass.route(Buffer.of(0x1d)), {send: Buffer.of(0x1d)}, 'Ctrl-] twice sends one');
	assert.ok(changes >= 4);
});
