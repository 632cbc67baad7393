// The store's rules for issue 10, without a terminal: the aim stays on a peer that left, Ctrl-D
// half-closes, the session end is kept, rows say why a peer has no partner, the status bar drops
// whole fields, and payload text shows tabs and backslashes unambiguously.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {sessionEnd} from '../../source/session-end.js';
import {fullScreenUnsupported} from '../../source/terminal-support.js';
import {parseOptions} from '../../source/options.js';
import {payloadSegments} from '../../source/ui/log-lines.js';
import {routeRowText} from '../../source/ui/row-text.js';
import {statusText} from '../../source/ui/status-bar.js';
import type {ConnectionRow} from '../../source/ui/snapshot.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {storeWithRouter} from '../helpers/ui-store.js';

const notices = (store: ReturnType<typeof storeWithRouter>['store']) =>
	store
		.getSnapshot()
		.log.filter(entry => entry.kind === 'notice')
		.map(entry => (entry.kind === 'notice' ? entry.text : ''));

test('a line aimed at a peer that left is refused and kept; nobody else gets it', () => {
	const {router, store} = storeWithRouter();
	const a = MemoryRoute.add(router);
	const b = MemoryRoute.add(router);
	store.selectBy(1);
	store.editLine(Buffer.from('private'));
	router.removeRoute(a.id);
	store.submitLine();
	store.flush();
	assert.equal(b.written.length, 0);
	assert.equal(store.getSnapshot().target, a.id);
	assert.equal(store.getSnapshot().targetBlocked, 'gone');
	assert.equal(store.getSnapshot().line.value, 'private', 'the line is kept');
	assert.ok(notices(store).some(text => text.startsWith(`Not sent: #${a.id} is gone`)));
	store.sendKey(Buffer.from('k'));
	assert.equal(b.written.length, 0, 'keystrokes are refused too');
	store.selectBy(1);
	store.submitLine();
	assert.equal(b.receivedText(), 'private\n', 'sent once the user moved the aim');
	store.dispose();
});

test('Ctrl-D half-closes the aimed peer, or every peer for All peers', () => {
	const {router, store} = storeWithRouter();
	const a = MemoryRoute.add(router);
	const b = MemoryRoute.add(router);
	const c = MemoryRoute.add(router);
	store.selectBy(2);
	store.halfCloseTarget();
	assert.deepEqual([a.ended, b.ended, c.ended], [false, true, false]);
	store.selectBy(-2);
	store.halfCloseTarget();
	assert.deepEqual([a.ended, b.ended, c.ended], [true, true, true]);
	store.dispose();
});

test('the session end is kept with its reason; input is refused after it', () => {
	const {router, store} = storeWithRouter();
	store.sessionEnded({code: 1, reason: 'the target failed'});
	store.flush();
	assert.deepEqual(store.getSnapshot().ended, {code: 1, reason: 'the target failed'});
	assert.equal(store.getSnapshot().targetBlocked, 'ended');
	assert.equal(store.lastError, undefined, 'the end notice is not an error of its own');
	router.report('error', 'cannot connect to x: refused');
	assert.equal(store.lastError, 'cannot connect to x: refused');
	store.dispose();
});

test('session end reasons', () => {
	const route = {
		id: 1,
		protocol: 'tcp',
		origin: 'outbound',
		local: 'a:1',
		peer: '127.0.0.1:80',
		peerHost: '127.0.0.1',
		family: 4,
	} as const;
	assert.deepEqual(sessionEnd(2, false, undefined), {code: 1, reason: 'every target failed'});
	assert.deepEqual(sessionEnd(0, true, {route}), {code: 0, reason: '127.0.0.1:80 closed the connection'});
	assert.deepEqual(sessionEnd(0, true, {route: {...route, origin: 'inbound'}}), {code: 0, reason: 'client 127.0.0.1:80 left'});
	assert.equal(sessionEnd(0, false, {route: {...route, protocol: 'udp'}}).reason, 'UDP peer 127.0.0.1:80 disconnected');
});

test('channel rows name the partner or why there is none', () => {
	const {router, store} = storeWithRouter();
	router.setMode('channels');
	const a = MemoryRoute.add(router, '127.0.0.1');
	const b = MemoryRoute.add(router, '127.0.0.1');
	store.flush();
	const partner = (id: number) => store.getSnapshot().connections.find(row => row.id === id)?.partner;
	assert.equal(partner(a.id), `same host as #${b.id}`);
	const c = MemoryRoute.add(router, '127.0.0.2');
	store.flush();
	assert.equal(partner(a.id), `<-> #${c.id}`);
	assert.equal(partner(b.id), 'waiting for a partner');
	store.dispose();
});

test('a narrow route row keeps peer, state and partner, dropping the local address first', () => {
	const row: ConnectionRow = {
		key: 'r',
		kind: 'route',
		id: 12,
		protocol: 'TCP',
		origin: 'inbound',
		local: '[2001:db8::1]:50000',
		peer: '[2001:db8::2]:60000',
		state: 'connected',
		bytesIn: 123_456,
		bytesOut: 7,
		partner: 'same host as #3',
	};
	const text = routeRowText(row, 60);
	assert.ok(text.length <= 60, text);
	assert.match(text, /^#12 .*<- \[2001:db8::2\]:60000 connected .*same host as #3$/);
	assert.doesNotMatch(text, /2001:db8::1/);
});

test('the status bar drops whole fields from the right and keeps the key hint', () => {
	const {store} = storeWithRouter({columns: 50});
	const text = statusText(store.getSnapshot(), 50);
	assert.equal(text.length, 50);
	assert.match(text, /^ TCP \| fwd none \| line +F1 help {2}\^C quit $/);
	store.dispose();
});

test('payload text: a tab is the mark \\t, a backslash is doubled, UTF-8 stays text', () => {
	const segments = payloadSegments(Buffer.from('a\tcafé \\x41\x1b'));
	assert.deepEqual(segments, [
		{text: 'a', style: 'plain'},
		{text: '\\t', style: 'plain'},
		{text: 'café \\\\x41', style: 'plain'},
		{text: '\\x1b', style: 'escaped'},
	]);
});

test('TERM=dumb, unknown or unset has no full screen; the UI raises the default -m only when not given', () => {
	assert.match(fullScreenUnsupported({TERM: 'dumb'}) ?? '', /TERM=dumb/);
	assert.ok(fullScreenUnsupported({}));
	assert.equal(fullScreenUnsupported({TERM: 'xterm-256color'}), undefined);
	assert.equal(parseOptions({tui: true, listen: ['*']}, []).maxClientsDefaulted, true);
	assert.equal(parseOptions({tui: true, listen: ['*'], maxClients: '1'}, []).maxClientsDefaulted, false);
	assert.equal(parseOptions({tui: true, listen: ['*'], pairSameHost: true}, []).pairSameHost, true);
});
