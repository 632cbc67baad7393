import assert from 'node:assert/strict';
import {test} from 'node:test';
import {computeLayout, keepVisible} from '../../source/ui/layout.js';
import {LogRing} from '../../source/ui/log-ring.js';
import {entryCap, moveTarget, nextForwardingMode, scrollAnchor, type TrafficEntry} from '../../source/ui/store.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {nextSnapshot, storeWithRouter} from '../helpers/ui-store.js';

const traffic = (entries: readonly unknown[]) =>
	entries.filter((entry): entry is TrafficEntry => (entry as TrafficEntry).kind === 'traffic');

test('a burst of events becomes one snapshot per frame, chunks from one source coalesced', async () => {
	const {router, store} = storeWithRouter({frameMs: 20});
	const a = MemoryRoute.add(router);
	const b = MemoryRoute.add(router);
	let published = 0;
	store.subscribe(() => published++);
	const before = store.getSnapshot();
	for (let index = 0; index < 500; index++) a.send('x');
	b.send('yy');
	a.send('z');
	assert.equal(store.getSnapshot(), before, 'no snapshot before the frame');
	await nextSnapshot(store);
	assert.equal(published, 1);
	const entries = traffic(store.getSnapshot().log);
	assert.deepEqual(
		entries.map(entry => [entry.source, entry.bytes, entry.chunks]),
		[
			[a.id, 500, 500],
			[b.id, 2, 1],
			[a.id, 1, 1],
		],
	);
	// A published entry is never changed: the next chunk starts a new one.
	a.send('w');
	store.flush();
	assert.equal(traffic(store.getSnapshot().log).at(-1)!.bytes, 1);
	assert.equal(store.getSnapshot(), store.getSnapshot(), 'the snapshot is cached between frames');
	store.dispose();
});

test('the log is a ring of --scrollback entries and long payloads keep only the first 64 KiB', () => {
	const {router, store} = storeWithRouter({scrollback: 5});
	const a = MemoryRoute.add(router);
	for (let index = 0; index < 20; index++) {
		router.report('info', `line ${index}`);
	}
	a.send(Buffer.alloc(entryCap * 2, 0x41));
	store.flush();
	const {log} = store.getSnapshot();
	assert.equal(log.length, 5);
	assert.deepEqual(
		log.slice(0, 4).map(entry => (entry.kind === 'notice' ? entry.text : '')),
		['line 16', 'line 17', 'line 18', 'line 19'],
	);
	const last = log.at(-1) as TrafficEntry;
	assert.equal(last.bytes, entryCap * 2);
	assert.equal(last.preview.length, entryCap);
	store.dispose();
});

test('selection moves between All peers and each peer, and typed input goes only there', () => {
	const {router, store} = storeWithRouter();
	const a = MemoryRoute.add(router);
	const b = MemoryRoute.add(router);
	store.selectBy(1);
	store.flush();
	assert.equal(store.getSnapshot().target, a.id);
	assert.equal(store.getSnapshot().connections[store.getSnapshot().selectedIndex]!.id, a.id);
	store.editLine(Buffer.from('to a'));
	store.submitLine();
	store.selectBy(1);
	store.selectBy(1); // clamps at the last peer
	store.sendBytes(Buffer.from('k'));
	store.selectBy(-5);
	store.flush();
	assert.equal(store.getSnapshot().target, 'all');
	assert.equal(store.getSnapshot().selectedIndex, 0);
	store.editLine(Buffer.from('both'));
	store.submitLine();
	assert.equal(a.receivedText(), 'to a\nboth\n');
	assert.equal(b.receivedText(), 'kboth\n');
	store.dispose();
});

test('Ctrl-F cycles the router forwarding mode and the log says so', () => {
	const {router, store} = storeWithRouter();
	const seen: string[] = [];
	for (let index = 0; index < 4; index++) {
		store.cycleForwarding();
		seen.push(router.mode);
	}
	assert.deepEqual(seen, ['hub', 'channels', 'linger-channels', 'none']);
	store.flush();
	assert.equal(store.getSnapshot().forwarding, 'none');
	assert.ok(store.getSnapshot().log.some(entry => entry.kind === 'notice' && entry.text === 'Forwarding mode: hub'));
	store.dispose();
});

test('input mode, view and help toggle', () => {
	const {store} = storeWithRouter({inputMode: 'keys'});
	store.toggleInputMode();
	store.toggleView();
	store.setHelp(true);
	store.flush();
	const snapshot = store.getSnapshot();
	assert.deepEqual([snapshot.inputMode, snapshot.view, snapshot.help], ['line', 'hex', true]);
	store.toggleInputMode();
	store.toggleView();
	store.setHelp(false);
	store.flush();
	assert.deepEqual([store.getSnapshot().inputMode, store.getSnapshot().view, store.getSnapshot().help], ['keys', 'text', false]);
	store.dispose();
});

test('scrolled back, the view holds still while traffic arrives; End returns to the tail', () => {
	const {router, store} = storeWithRouter({scrollback: 1000});
	for (let index = 0; index < 100; index++) router.report('info', `line ${index}`);
	store.flush();
	store.scroll(-1);
	store.flush();
	const held = store.getSnapshot().log.map(entry => (entry.kind === 'notice' ? entry.text : ''));
	assert.notEqual(held.at(-1), 'line 99');
	for (let index = 100; index < 150; index++) router.report('info', `line ${index}`);
	store.flush();
	assert.deepEqual(
		store.getSnapshot().log.map(entry => (entry.kind === 'notice' ? entry.text : '')),
		held,
	);
	assert.ok(store.getSnapshot().newerHidden > 50);
	store.scrollToEnd();
	store.flush();
	assert.equal(store.getSnapshot().newerHidden, 0);
	assert.deepEqual(store.getSnapshot().log.at(-1), {...store.getSnapshot().log.at(-1)!, text: 'line 149'});
	store.dispose();
});

test('a closed peer stays listed as closed; Ctrl-K closes the selected peer', () => {
	const {router, store} = storeWithRouter();
	const a = MemoryRoute.add(router);
	MemoryRoute.add(router);
	store.disconnectSelected(); // All peers selected: only a warning
	assert.equal(router.peerCount(), 2);
	store.selectBy(1);
	store.disconnectSelected();
	assert.equal(router.route(a.id), undefined, 'the peer is gone at once');
	store.flush();
	const rows = store.getSnapshot().connections;
	assert.deepEqual(
		rows.map(row => [row.kind, row.state]),
		[
			['all', 'connected'],
			['route', 'closed'],
			['route', 'connected'],
		],
	);
	assert.equal(store.getSnapshot().target, a.id, 'the aim stays on the peer that left');
	assert.equal(store.getSnapshot().targetBlocked, 'gone');
	store.dispose();
});

test('listeners and targets still connecting are listed from the session', () => {
	const {store} = storeWithRouter({
		sources: {
			listeners: () => [{address: '127.0.0.1:5000', protocol: 'TCP'}],
			targets: () => [
				{text: 'example.com:80', state: 'reconnecting'},
				{text: 'done:1', state: 'done'},
			],
		},
	});
	assert.deepEqual(
		store.getSnapshot().connections.map(row => [row.kind, row.state, row.kind === 'target' ? row.peer : row.local]),
		[
			['all', 'connected', ''],
			// Listeners come last (issue 15: their rows are selectable after the peers).
			['target', 'reconnecting', 'example.com:80'],
			['listener', 'listening', '127.0.0.1:5000'],
		],
	);
	store.dispose();
});

test('pure helpers: layout, list window, scroll anchor, target moves, mode order, ring', () => {
	for (const rows of [6, 10, 24, 50]) {
		for (const count of [1, 3, 1000]) {
			const layout = computeLayout(rows, 80, count);
			assert.ok(layout.frameHeight <= Math.max(rows - 1, 5), `rows ${rows} count ${count}`);
		}
	}
	assert.deepEqual(computeLayout(24, 80, 1000), {listHeight: 11, logHeight: 10, frameHeight: 23});
	// Item 13: two peers on a 60x15 terminal are all listed (All peers, listener, #1, #2).
	assert.deepEqual(computeLayout(15, 60, 4), {listHeight: 4, logHeight: 8, frameHeight: 14});
	assert.equal(keepVisible(0, 10, 5, 100), 6);
	assert.equal(keepVisible(6, 3, 5, 100), 3);
	assert.equal(keepVisible(6, 8, 5, 100), 6);
	assert.equal(keepVisible(50, 0, 5, 3), 0);
	assert.equal(scrollAnchor(undefined, -1, 10, 0, 99), 89);
	assert.equal(scrollAnchor(89, 1, 10, 0, 99), undefined);
	assert.equal(scrollAnchor(15, -1, 10, 0, 99), 10);
	assert.equal(scrollAnchor(undefined, -1, 10, 0, -1), undefined);
	assert.equal(moveTarget('all', [3, 5], 1), 3);
	assert.equal(moveTarget(5, [3, 5], 1), 5);
	assert.equal(moveTarget(9, [3, 5], -1), 5, 'a target that left moves away from its place');
	assert.equal(moveTarget(4, [3, 5], 1), 5);
	assert.equal(moveTarget(4, [3, 5], -1), 3);
	assert.equal(nextForwardingMode('linger-channels'), 'none');
	const ring = new LogRing<number>(3);
	for (let value = 0; value < 5; value++) ring.push(value);
	assert.deepEqual([ring.firstSeq, ring.lastSeq, ring.size], [2, 4, 3]);
	assert.deepEqual(ring.window(4, 10), [2, 3, 4]);
	assert.deepEqual(ring.window(3, 1), [3]);
	assert.equal(ring.get(1), undefined);
});

test('typed bytes enter through the session (shaping), not around it', () => {
	const entered: string[] = [];
	const {router, store} = storeWithRouter({sendLocal: data => entered.push(data.toString())});
	const peer = MemoryRoute.add(router);
	store.editLine(Buffer.from('line'));
	store.submitLine();
	store.sendBytes(Buffer.from('k'));
	assert.deepEqual(entered, ['line\n', 'k']);
	assert.equal(peer.receivedText(), '', 'the store itself wrote nothing to the router');
	store.dispose();
});
