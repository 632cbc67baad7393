// The key controller's part of items 6, 7 and 9 on a store with an in-memory peer: Home/End edit a
// typed line but stay the log's on an empty one, history and escapes reach the peer as bytes, and
// passthrough sends what the UI would otherwise act on.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {KeyController} from '../../source/ui/key-controller.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {storeWithRouter} from '../helpers/ui-store.js';

function setup(inputMode: 'line' | 'keys' = 'line') {
	const {router, store} = storeWithRouter({inputMode});
	const peer = MemoryRoute.add(router);
	const hooks = {quit: 0, redraw: 0, suspend: 0};
	const keys = new KeyController(store, {quit: () => hooks.quit++, redraw: () => hooks.redraw++, suspend: () => hooks.suspend++}, false);
	const press = (...sequence: string[]) => {
		for (const key of sequence) keys.handle(Buffer.from(key, 'latin1'));
		store.flush();
	};
	return {store, peer, hooks, press, snapshot: () => store.getSnapshot()};
}

test('Home/End edit a typed line; on an empty line End is still the log live-tail key', t => {
	const {store, press, snapshot} = setup();
	t.after(() => store.dispose());
	// Enough notices to scroll: each F7 logs one.
	for (let index = 0; index < 60; index++) press('\x1b[18~');
	press('\x1b[5~');
	const hidden = snapshot().newerHidden;
	assert.ok(hidden > 0, 'scrolled back');
	press('ab', '\x1b[H', 'X');
	assert.deepEqual(snapshot().line, {value: 'Xab', cursor: 1});
	press('\x1b[F');
	assert.deepEqual(snapshot().line, {value: 'Xab', cursor: 3});
	assert.equal(snapshot().newerHidden, hidden, 'End moved in the line, not the log');
	press('\x15', '\x1b[F');
	assert.equal(snapshot().newerHidden, 0, 'on an empty line End returns to the live tail');
});

test('Ctrl-P brings back a sent line; escapes send exactly the bytes typed', t => {
	const {store, peer, press, snapshot} = setup();
	t.after(() => store.dispose());
	press('first', '\r', 'second', '\r', '\x10');
	assert.equal(snapshot().line.value, 'second');
	// A cursor move in a recalled line does not restart the walk.
	press('\x1b[D', '\x10');
	assert.equal(snapshot().line.value, 'first');
	press('\x0e', '\x0e');
	assert.equal(snapshot().line.value, '');
	press('\x1b[18~', '\\x00\\xff', '\r');
	assert.equal(snapshot().escapes, true);
	assert.deepEqual(Buffer.concat(peer.written), Buffer.from([...Buffer.from('first\nsecond\n'), 0x00, 0xff]));
});

test('passthrough: Ctrl-Z, Ctrl-C and Ctrl-L go to the peer, not to the UI; Ctrl-] Ctrl-L redraws', t => {
	const {store, peer, hooks, press, snapshot} = setup('keys');
	t.after(() => store.dispose());
	press('\x1b[20~');
	assert.deepEqual(snapshot().passthrough, {armed: false});
	assert.equal(snapshot().inputMode, 'keys');
	press('\x1a', '\x03', '\x0c', '\x1b[D');
	assert.deepEqual(hooks, {quit: 0, redraw: 0, suspend: 0});
	assert.equal(Buffer.concat(peer.written).toString('latin1'), '\x1a\x03\x0c\x1b[D');
	press('\x1d');
	assert.deepEqual(snapshot().passthrough, {armed: true});
	press('\x0c');
	assert.equal(hooks.redraw, 1);
	press('\x1d', '\x14');
	assert.equal(snapshot().passthrough, undefined, 'Ctrl-] Ctrl-T leaves passthrough');
	assert.equal(snapshot().inputMode, 'keys');
});

test('F8 refuses in the prompt a file for All peers with none connected, one that cannot be read, a directory', async t => {
	const {router, store} = storeWithRouter({inputMode: 'line'});
	t.after(() => store.dispose());
	const keys = new KeyController(store, {quit: () => {}, redraw: () => {}, suspend: () => {}}, false);
	const press = (key: string) => keys.handle(Buffer.from(key, 'latin1'));
	// A submit that opens a file is busy until the file system answered.
	const settled = async () => {
		do await new Promise(resolve => setImmediate(resolve));
		while (store.prompt.view()?.busy);
	};
	press('\x1b[19~');
	press('/etc/hostname\r');
	await settled();
	assert.equal(store.prompt.view()?.error, 'no peer is connected');
	MemoryRoute.add(router);
	press('\x15/no/such/file\r');
	await settled();
	assert.match(store.prompt.view()?.error ?? '', /^cannot open \/no\/such\/file: /);
	press('\x15/tmp\r');
	await settled();
	assert.equal(store.prompt.view()?.error, '/tmp is a directory');
	press('\x1b');
	assert.equal(store.prompt.isOpen, false);
});
