import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {KeyController} from '../../source/ui/key-controller.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {storeWithRouter} from '../helpers/ui-store.js';

afterEach(() => cleanup());

/** Given a store with two peers and the UI rendered, with keys going through the key controller. */
function setup(inputMode: 'line' | 'keys' = 'line') {
	const {router, store} = storeWithRouter({inputMode});
	const a = MemoryRoute.add(router);
	const b = MemoryRoute.add(router);
	const ui = render(<App store={store} />);
	let quit = false;
	const keys = new KeyController(store, {quit: () => (quit = true), redraw: () => {}, suspend: () => {}}, false);
	const frame = () => ui.lastFrame() ?? '';
	const waitFor = async (pattern: RegExp | string, timeoutMs = 3000): Promise<string> => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const text = frame();
			if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
			if (Date.now() > deadline) throw new Error(`screen never showed ${pattern}:\n${text}`);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	};
	const press = (key: string) => keys.handle(Buffer.from(key, 'latin1'));
	return {router, store, a, b, ui, press, frame, waitFor, quitRequested: () => quit};
}

test('the three regions and the status bar render, within 24 rows', async () => {
	const {waitFor, frame, store} = setup();
	await waitFor('#2 TCP');
	const text = frame();
	assert.match(text, /> All peers \(2\)/);
	assert.match(text, /#1 TCP 127\.0\.0\.1:5000 <- 127\.0\.0\.1:40001 connected/);
	assert.match(text, /-- Traffic \(text, Ctrl-X\)/);
	assert.match(text, /\[line\] to All peers >/);
	// At 80 columns the rates do not fit beside the key hint: dropped whole, never cut.
	assert.match(text, / TCP \| fwd none \| line \| to All peers \| 2 peers +F1 help  \^C quit ?$/m);
	assert.ok(text.split('\n').length <= 24, `${text.split('\n').length} lines`);
	store.dispose();
});

test('arrows move the selection and the typed line goes to the selected peer only', async () => {
	const {press, waitFor, a, b, store} = setup();
	press('\x1b[B');
	await waitFor('[line] to #1 >');
	await waitFor(/^> #1 TCP/m);
	press('\x1b[B');
	await waitFor('to #2 |');
	press('hi there');
	await waitFor('hi there');
	press('\r');
	await waitFor(/sent -> #2 9 B hi there\\x0a/);
	assert.equal(b.receivedText(), 'hi there\n');
	assert.equal(a.receivedText(), '');
	press('\x1b[A\x1b[A');
	await waitFor('to All peers |');
	store.dispose();
});

test('Ctrl-T, Ctrl-F and Ctrl-X change what the screen shows; keystrokes go out at once', async () => {
	const {press, waitFor, a, b, store} = setup();
	press('\x14');
	await waitFor('[keys] to All peers > each key is sent as you type');
	press('x');
	assert.equal(a.receivedText(), 'x');
	assert.equal(b.receivedText(), 'x');
	press('\x06');
	await waitFor('fwd hub');
	await waitFor('* Forwarding mode: hub');
	a.send('hello\n');
	await waitFor(/#1 -> #2 6 B hello\\x0a/);
	assert.equal(b.receivedText(), 'xhello\n');
	press('\x18');
	await waitFor('Traffic (hex');
	await waitFor('0000  68 65 6c 6c 6f 0a');
	press('\x18');
	await waitFor('Traffic (text');
	store.dispose();
});

test('an arrow key split across two reads is still one key', async () => {
	const {press, waitFor, store} = setup();
	press('\x1b[');
	press('B');
	await waitFor('[line] to #1 >');
	press('\x1bO');
	press('A');
	await waitFor('[line] to All peers >');
	assert.equal(store.getSnapshot().line.value, '', 'no stray letters typed');
	store.dispose();
});

test('the help overlay opens with F1 or Ctrl-G and closes with Esc; Ctrl-C asks to quit', async () => {
	const {press, waitFor, frame, store, quitRequested} = setup();
	press('\x1bOP');
	// The help scrolls at 24 rows (issue 15 added keys): its title says so.
	await waitFor(/-- Keys -- (lines 1-\d+ of \d+, PgUp\/PgDn -- )?Esc closes/);
	assert.match(frame(), /Ctrl-F\s+forwarding: none -> hub -> channels -> linger-channels/);
	press('\x1b');
	await waitFor('Traffic (text');
	press('\x07');
	await waitFor(/-- Keys -- .*Esc closes/);
	press('\x03');
	assert.ok(quitRequested());
	store.dispose();
});

test('a hostile payload is shown escaped and never reaches the output raw', async () => {
	const {a, waitFor, frame, ui, store} = setup();
	a.send('\x1b]0;pwned\x07\x1b[2J\x1b[H\x9b31mEVIL');
	await waitFor('EVIL');
	assert.match(frame(), /#1 received .*\\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[H\\xc2\\x9b31mEVIL/);
	const everything = ui.frames.join('');
	assert.doesNotMatch(everything, /\x1b\]|\x1b\[2J|\x07|\x9b/);
	store.dispose();
});

test('a thousand peers render only the rows that fit and keep the selection visible', async () => {
	const {router, store, press, waitFor, frame} = setup();
	for (let index = 0; index < 998; index++) MemoryRoute.add(router);
	store.flush();
	await waitFor('rows 1-11 of 1001');
	for (let index = 0; index < 500; index++) press('\x1b[B');
	store.flush();
	await waitFor(/^> #500 TCP/m);
	// Issue 15 item 5: "All peers" stays on the first row, and the list says which rows it shows.
	await waitFor(/^ {2}All peers \(1000\) .* rows 1, 492-501 of 1001$/m);
	assert.equal(
		frame()
			.split('\n')
			.filter(line => / TCP 127\.0\.0\.1:5000 <- /.test(line)).length,
		10,
	);
	store.dispose();
});

test('PgUp scrolls the log back and holds it; End returns to the live tail', async () => {
	const {router, press, waitFor, frame, store} = setup();
	for (let index = 0; index < 60; index++) router.report('info', `report ${index}`);
	await waitFor('report 59');
	press('\x1b[5~');
	await waitFor(/scrolled back: \d+ newer, End for live/);
	const held = frame();
	assert.doesNotMatch(held, /report 59/);
	router.report('info', 'report 60');
	store.flush();
	await waitFor(/scrolled back: \d+ newer/);
	assert.doesNotMatch(frame(), /report 60/);
	press('\x1b[F');
	await waitFor('report 60');
	assert.doesNotMatch(frame(), /scrolled back/);
	store.dispose();
});

test('Ctrl-K disconnects the selected peer; channel modes show each partner', async () => {
	const {router, press, waitFor, a, store} = setup();
	const c = MemoryRoute.add(router, '127.0.0.2');
	press('\x06\x06');
	await waitFor('fwd channels');
	await waitFor(new RegExp(`#${c.id} TCP .* <-> #${a.id}`));
	press('\x1b[B\x0b');
	await waitFor(new RegExp(`#${a.id} TCP .* closed`));
	assert.equal(router.route(a.id), undefined);
	assert.ok(c.ended, 'in channels its partner is closed too');
	store.dispose();
});
