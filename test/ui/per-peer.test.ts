// --fork and --exec-each in the full-screen UI: a client's partner is its own upstream or child,
// and a child's row shows its pid and, once it exited, its exit status.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer, listenPeer} from '../helpers/peers.js';
import {startInPty, type PtyRun} from '../helpers/term.js';

const listeningPattern = /TCP 127\.0\.0\.1:(\d+) listening/;

async function listeningPort(run: PtyRun): Promise<number> {
	const screen = await run.waitForScreen(listeningPattern);
	return Number(screen.match(listeningPattern)![1]);
}

test("UI --exec-each: the child is the peer's channel partner, with its pid and then its exit status", {timeout: 60_000}, async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '--exec-each', 'read l; echo "got $l"; exit 3'], {columns: 120, rows: 24});
	t.after(() => run.kill());
	const client = await connectPeer(await listeningPort(run));
	t.after(() => client.socket.destroy());
	const screen = await run.waitForScreen(/#2 EXEC pid \d+ -> read l/);
	assert.match(screen, /#1 TCP 127\.0\.0\.1:\d+ <- 127\.0\.0\.1:\d+ connected .*<-> #2/);
	client.socket.write('hi\n');
	assert.equal((await client.waitFor(7)).toString(), 'got hi\n');
	await run.waitForScreen(/#2 EXEC pid \d+ -> .* closed.* \(exited with status 3\)/);
});

test('UI --fork: each client is shown with its own upstream as its channel partner', {timeout: 60_000}, async t => {
	const server = await listenPeer();
	t.after(() => server.close());
	const run = startInPty(['-L', '127.0.0.1:0', '--fork', `127.0.0.1:${server.port}`], {columns: 120, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const first = await connectPeer(port);
	const second = await connectPeer(port);
	t.after(() => [first, second].forEach(client => client.socket.destroy()));
	const screen = await run.waitForScreen(rows => rows.filter(row => /#\d+ TCP .* <-> #\d+$/.test(row)).length === 4);
	const partners = new Map([...screen.matchAll(/#(\d+) TCP .* <-> #(\d+)/g)].map(match => [match[1], match[2]]));
	for (const [id, partner] of partners) assert.equal(partners.get(partner!), id, `#${id} and #${partner} are each other's partner`);
	assert.match(screen, new RegExp(`-> 127\\.0\\.0\\.1:${server.port} connected .*<-> #`));
});
