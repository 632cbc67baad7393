// Issue 15, item 5: moving through many peers. With the list focused (Tab) PgUp/PgDn page it,
// Home/End go to the first/last row, F6 jumps to a route number, "All peers" stays on the first
// row, and the list's own first row says which rows are shown. Through a real pseudo-terminal at
// 80x24 against 30 real loopback peers.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectPeer, type Peer} from '../helpers/peers.js';
import {assertRestored, listeningPort} from '../helpers/pty-ui.js';
import {startInPty} from '../helpers/term.js';

const pageDown = '\x1b[6~';
const pageUp = '\x1b[5~';
const home = '\x1b[H';
const end = '\x1b[F';
const f6 = '\x1b[17~';

test('item 5: page, first/last and #N in a list of 30 peers; All peers and the indicator stay in the list', async t => {
	const run = startInPty(['-L', '127.0.0.1:0', '-m', '40', '-i', 'stdin-nochar'], {columns: 80, rows: 24});
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const peers: Peer[] = [];
	t.after(() => {
		for (const peer of peers) peer.socket.destroy();
	});
	for (let index = 0; index < 30; index++) peers.push(await connectPeer(port));
	// 32 rows (All peers, 30 peers, the listener) in an 11-row list.
	await run.waitForScreen(/^> All peers \(30\) .* rows 1-11 of 32$/m);
	// The log's title no longer carries the list's indicator.
	await run.waitForScreen(rows => rows.some(row => row.startsWith('-- Traffic') && !row.includes('rows')));
	run.type('\t');
	await run.waitForScreen('-- Traffic (text, Ctrl-X) -- focus: list');
	run.type(pageDown);
	await run.waitForScreen('[line] to #9 >');
	run.type(pageDown);
	await run.waitForScreen('[line] to #18 >');
	await run.waitForScreen(/^ {2}All peers \(30\) .* rows 1, \d+-\d+ of 32$/m);
	assert.match(run.rows()[0]!, /^ {2}All peers/);
	assert.ok(run.rows().some(row => /^> #18 TCP/.test(row)));
	run.type(end);
	await run.waitForScreen('[line] to #30 >');
	// The listener row comes last, below #30 (issue 15, ui-steer): End selects the last peer.
	await run.waitForScreen(/^ {2}All peers \(30\) .* rows 1, 22-31 of 32$/m);
	assert.match(run.rows()[10]!, /^> #30 TCP/);
	run.type(pageUp);
	await run.waitForScreen('[line] to #21 >');
	run.type(home);
	await run.waitForScreen(/^> All peers \(30\) .* rows 1-11 of 32$/m);
	await run.waitForScreen('[line] to All peers >');
	// Jump to a number: errors stay in the prompt.
	run.type(f6);
	await run.waitForScreen('go to #');
	run.type('99\r');
	await run.waitForScreen(/go to #99 +\[no live peer #99\]/);
	run.type('\x7f\x7f#17\r');
	await run.waitForScreen('[line] to #17 >');
	assert.ok(run.rows().some(row => /^> #17 TCP/.test(row)));
	assert.match(run.rows()[0]!, /^ {2}All peers/);
	// Typed input goes to the peer jumped to.
	run.type('\x1b');
	await run.waitForScreen(rows => !rows.some(row => row.includes('focus: list')));
	run.type('hello 17\r');
	assert.equal((await peers[16]!.waitFor(9)).toString(), 'hello 17\n');
	run.type('\x03');
	await assertRestored(run, 130);
});
