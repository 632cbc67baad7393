// One test per row of the lifecycle rule tables (source/lifecycle/*.ts, local/keyboard-keys.ts).
// Rows that need real sockets and timing are tested in test/integration/endings-*.test.ts.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {peerFinAction} from '../../source/lifecycle/half-close-wait.js';
import {peersToHalfClose} from '../../source/lifecycle/local-input-end.js';
import {quitAfterInput} from '../../source/lifecycle/quit-after-input.js';
import {type Ending, shouldReconnect} from '../../source/lifecycle/reconnect-rule.js';
import {echoOf, keysToSend, lineToSend} from '../../source/local/keyboard-keys.js';
import {LocalRoute} from '../../source/local/local-route.js';
import {Router} from '../../source/router/router.js';
import {localRouteId, type Route} from '../../source/router/route.js';
import {Condition} from '../helpers/condition.js';
import {MemoryRoute} from '../helpers/memory-route.js';

const reconnectRows: Array<[Ending, boolean, boolean, boolean, boolean]> = [
	// ending, connected before, -r, -R, reconnect?
	['closed', true, true, false, true],
	['closed', true, false, true, false],
	['lost', true, false, true, true],
	['lost', true, true, false, false],
	['attempt-failed', false, false, true, true],
	['attempt-failed', false, true, false, false],
	['attempt-failed', true, true, false, true],
	['attempt-failed', true, false, true, true],
];
for (const [ending, before, onClose, onError, expected] of reconnectRows) {
	test(`reconnect rule: ${ending}, ${before ? 'after a connection' : 'first try'}, -r ${onClose}, -R ${onError} -> ${expected ? 'reconnect' : 'done'}`, () => {
		assert.equal(shouldReconnect(ending, before, {reconnectOnClose: onClose, reconnectOnError: onError}), expected);
	});
}

const finRows: Array<[Parameters<typeof peerFinAction>, ReturnType<typeof peerFinAction>]> = [
	[['channels', true, true, 500], 'pass-to-partner'],
	[['hub', false, true, 500], 'close'],
	[['linger-channels', true, true, 500], 'close'],
	[['channels', false, true, 500], 'close'],
	[['none', false, false, 500], 'close'],
	[['none', false, true, 0], 'close'],
	[['none', false, true, 500], 'wait'],
	[['none', false, true, Number.POSITIVE_INFINITY], 'wait'],
];
for (const [args, expected] of finRows) {
	test(`peer FIN rule: mode ${args[0]}, paired ${args[1]}, input open ${args[2]}, wait ${args[3]} ms -> ${expected}`, () => {
		assert.equal(peerFinAction(...args), expected);
	});
}

test('local input end rule: mode none half-closes every peer', () => {
	assert.deepEqual(peersToHalfClose('none', [1, 2]), [1, 2]);
});
test('local input end rule: hub, channels, linger-channels leave the peers alone', () => {
	for (const mode of ['hub', 'channels', 'linger-channels'] as const) assert.deepEqual(peersToHalfClose(mode, [1, 2]), []);
});

async function waitUntil(check: () => boolean, what: string): Promise<void> {
	const changed = new Condition();
	const timer = setInterval(() => changed.notify(), 10);
	try {
		await changed.until(() => (check() ? true : undefined), what, {timeoutMs: 5000});
	} finally {
		clearInterval(timer);
	}
}

test('half-close wait: a half-closed peer keeps getting local input while it flows, then closes once it is quiet', async () => {
	const router = new Router({mode: 'none', echo: false, localInputOpen: true, halfCloseWaitMs: 400});
	router.addRoute(new LocalRoute(router, undefined));
	const peer = MemoryRoute.add(router);
	router.peerEnded(peer.id);
	for (let index = 0; index < 5; index++) {
		router.receive({routeId: localRouteId, data: Buffer.from(`${index}`)});
		await new Promise(resolve => setTimeout(resolve, 50));
		assert.equal(peer.ended, false, 'input still flows: the connection stays');
	}
	await waitUntil(() => peer.ended, 'the quiet peer to be closed');
	assert.equal(peer.receivedText(), '01234');
});

test('half-close wait: local input ending closes a waiting peer at once (inf waits for nothing else)', () => {
	const router = new Router({mode: 'none', echo: false, localInputOpen: true, halfCloseWaitMs: Number.POSITIVE_INFINITY});
	const peer = MemoryRoute.add(router);
	router.peerEnded(peer.id);
	assert.equal(peer.ended, false);
	router.localInputEnded();
	assert.equal(peer.ended, true);
});

test('keyboard: Enter (CR) sends \\n, or \\r\\n with -C, also inside a pasted block', () => {
	assert.equal(keysToSend(Buffer.from('\r'), false).toString(), '\n');
	assert.equal(keysToSend(Buffer.from('hi\rthere\r'), false).toString(), 'hi\nthere\n');
	assert.equal(keysToSend(Buffer.from('hi\r'), true).toString(), 'hi\r\n');
});
test('keyboard: printable text and UTF-8 are sent and echoed as typed', () => {
	assert.equal(keysToSend(Buffer.from('héllo ✓'), false).toString(), 'héllo ✓');
	assert.equal(echoOf(Buffer.from('héllo ✓')), 'héllo ✓');
});
test('keyboard: Enter echoes a new line, with or without -C', () => {
	assert.equal(echoOf(keysToSend(Buffer.from('a\r'), false)), 'a\r\n');
	assert.equal(echoOf(keysToSend(Buffer.from('a\r'), true)), 'a\r\n');
});
test('keyboard: Backspace is sent as typed and erases on screen', () => {
	assert.deepEqual([...keysToSend(Buffer.from([0x7f]), false)], [0x7f]);
	assert.equal(echoOf(Buffer.from([0x61, 0x7f, 0x08])), 'a\b \b\b \b');
});
test('keyboard: Tab echoes a tab, other control keys echo as ^X', () => {
	assert.equal(echoOf(Buffer.from('\t\x01\x1b')), '\t^A^[');
});
test("keyboard line mode: the terminal's line ends in \\n, or \\r\\n with -C", () => {
	assert.equal(lineToSend(Buffer.from('hello\n'), false).toString(), 'hello\n');
	assert.equal(lineToSend(Buffer.from('hello\n'), true).toString(), 'hello\r\n');
});

/** A route whose unacknowledged byte count follows a script: what quitAfterInput polls. */
function scriptedRoute(counts: number[]): Route {
	return {
		id: 1,
		protocol: 'tcp',
		origin: 'outbound',
		local: '127.0.0.1:1',
		peer: '127.0.0.1:2',
		peerHost: '127.0.0.1',
		family: 4,
		write: () => true,
		pause() {},
		resume() {},
		end() {},
		destroy() {},
		unacked: async () => (counts.length > 1 ? counts.shift()! : counts[0]!),
	};
}

test('quit after input: the run ends only once the peer acknowledged everything', async () => {
	const counts = [3000, 2000, 1000, 0];
	const route = scriptedRoute(counts);
	const stopped = new Promise<void>(resolve =>
		quitAfterInput(0, {peers: () => [route], warn: () => assert.fail('no warning'), stop: resolve}),
	);
	await stopped;
	assert.deepEqual(counts, [0], 'every count was polled');
});

test('quit after input: a peer whose queue makes no progress for 5 s is given up with a warning', async () => {
	const warnings: string[] = [];
	const stuck = scriptedRoute([7]);
	await new Promise<void>(resolve => quitAfterInput(0, {peers: () => [stuck], warn: text => warnings.push(text), stop: resolve}));
	assert.match(warnings.join('\n'), /127\.0\.0\.1:2 has not acknowledged 7 byte\(s\) for 5 s; exiting anyway/);
	assert.equal(warnings.length, 1);
});

test('quit after input: routes that cannot tell (UDP, not Linux) do not hold the exit', async () => {
	const route = {...scriptedRoute([0]), unacked: async () => undefined};
	await new Promise<void>(resolve => quitAfterInput(0, {peers: () => [route], warn: () => assert.fail('no warning'), stop: resolve}));
});
