// Issue 15 items 1-5: the reading keys take nothing away from keystroke mode. Tab and Esc still go
// to the peer there (Shift-Tab moves the focus); Home in a typed line still moves in the line.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {KeyController} from '../../source/ui/key-controller.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {storeWithRouter} from '../helpers/ui-store.js';

function setup(inputMode: 'line' | 'keys') {
	const {router, store} = storeWithRouter({inputMode});
	const peer = MemoryRoute.add(router);
	const keys = new KeyController(store, {quit: () => {}, redraw: () => {}, suspend: () => {}}, false);
	return {store, peer, press: (key: string) => keys.handle(Buffer.from(key, 'latin1'))};
}

test('keystroke mode: Tab and Esc go to the peer, Shift-Tab focuses the log, Esc gives the focus back', () => {
	const {store, peer, press} = setup('keys');
	press('\t');
	press('\x1b');
	assert.equal(peer.receivedText(), '\t\x1b');
	assert.equal(store.reader.focus, 'input');
	press('\x1b[Z');
	assert.equal(store.reader.focus, 'log');
	press('\x1b');
	assert.equal(store.reader.focus, 'input');
	assert.equal(peer.receivedText(), '\t\x1b');
	store.dispose();
});

test('line mode: Tab cycles input -> list -> log; Enter on the log opens the details, Esc closes them', () => {
	const {store, peer, press} = setup('line');
	peer.send('hello');
	store.flush();
	press('\t');
	assert.equal(store.reader.focus, 'list');
	press('\t');
	assert.equal(store.reader.focus, 'log');
	press('\r');
	assert.equal(store.reader.details.isOpen, true);
	press('\x1b');
	assert.equal(store.reader.details.isOpen, false);
	assert.equal(store.reader.focus, 'log');
	press('\t');
	assert.equal(store.reader.focus, 'input');
	// Home in a typed line moves to its start, as before it was bound.
	press('bc\x1b[Ha\r');
	assert.equal(peer.receivedText(), 'abc\n');
	store.dispose();
});
