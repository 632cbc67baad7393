// Issue 15, items 3 and 4: follow one peer (only its traffic and notices), and search the log with
// the match highlighted, next and previous, in the text and the hex view. Through a real
// pseudo-terminal at 80x24 against real loopback peers.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertRestored, listenerWithTwoPeers} from '../helpers/pty-ui.js';
import type {PtyRun} from '../helpers/term.js';

const f3 = '\x1bOR';
const shiftF3 = '\x1b[1;2R';
const f5 = '\x1b[15~';
const down = '\x1b[B';
const up = '\x1b[A';

/** Whether every cell of `text` on the first row that holds it has the search highlight (yellow background). */
function highlighted(run: PtyRun, text: string, row?: number): boolean {
	const buffer = run.term.buffer.active;
	const rows = run.rows();
	// Not the log's title, which names the search.
	const index = row ?? rows.findIndex(line => line.includes(text) && !line.startsWith('--'));
	if (index < 0) return false;
	const column = rows[index]!.indexOf(text);
	const line = buffer.getLine(buffer.viewportY + index)!;
	for (let offset = 0; offset < text.length; offset++) {
		const cell = line.getCell(column + offset)!;
		if (!cell.isBgPalette() || cell.getBgColor() !== 3) return false;
	}
	return true;
}

/** The screen row of the entry under the log cursor (its time is drawn inverse). */
function cursorRow(run: PtyRun): number {
	const buffer = run.term.buffer.active;
	return run.rows().findIndex(
		(_row, index) =>
			buffer
				.getLine(buffer.viewportY + index)
				?.getCell(0)
				?.isInverse() && index > 2,
	);
}

test('item 3: following one peer hides the other peers lines and notices; F5 again shows all', async t => {
	const {run, a, b} = await listenerWithTwoPeers(t, ['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	await run.waitForScreen('#2 TCP');
	a.socket.write('from-peer-one\n');
	await run.waitForScreen('#1 received 14 B from-peer-one');
	b.socket.write('from-peer-two\n');
	await run.waitForScreen('#2 received 14 B from-peer-two');
	run.type(down + f5);
	await run.waitForScreen('-- Traffic (text, Ctrl-X) -- follow #1');
	await run.waitForScreen(rows => !rows.some(row => row.includes('from-peer-two')));
	const screen = run.screen();
	assert.match(screen, /#1 received 14 B from-peer-one/);
	assert.match(screen, /\* #1 Accepted connection/);
	assert.doesNotMatch(screen, /\* #2 Accepted connection/);
	// What arrives later from the other peer stays hidden; the followed peer's shows.
	b.socket.write('later-from-two\n');
	a.socket.write('later-from-one\n');
	await run.waitForScreen('later-from-one');
	assert.doesNotMatch(run.screen(), /later-from-two/);
	// Following moves with the selection.
	run.type(down);
	await run.waitForScreen('follow #2');
	await run.waitForScreen(rows => rows.some(row => row.includes('later-from-two')) && !rows.some(row => row.includes('from-peer-one')));
	run.type(f5);
	await run.waitForScreen(rows => rows.some(row => row.includes('from-peer-one')) && rows.some(row => row.includes('from-peer-two')));
	assert.doesNotMatch(run.screen(), /follow #/);
	run.type('\x03');
	await assertRestored(run, 130);
});

test('item 4: a search hit is highlighted; F3 finds the next older match, Shift-F3 the newer; hex view too', async t => {
	const {run, a, b} = await listenerWithTwoPeers(t, ['-L', '127.0.0.1:0'], {columns: 80, rows: 24});
	await run.waitForScreen('#2 TCP');
	a.socket.write('first needle here\n');
	await run.waitForScreen('first needle');
	b.socket.write('nothing to see\n');
	await run.waitForScreen('nothing to see');
	a.socket.write('second NEEDLE there\n');
	await run.waitForScreen('second NEEDLE');
	run.type(f3);
	await run.waitForScreen('search: ');
	run.type('needle\r');
	// The newest match gets the cursor; every match on screen is highlighted (case-insensitive).
	await run.waitForScreen('-- Traffic (text, Ctrl-X) -- cursor, Enter: details -- "needle"');
	await run.waitForScreen(() => highlighted(run, 'NEEDLE') && highlighted(run, 'needle'));
	assert.equal(highlighted(run, 'nothing'), false);
	assert.match(run.rows()[cursorRow(run)]!, /second NEEDLE there/);
	run.type(f3);
	await run.waitForScreen(() => /first needle here/.test(run.rows()[cursorRow(run)] ?? ''));
	run.type(f3);
	await run.waitForScreen('"needle": no older match');
	run.type(shiftF3);
	await run.waitForScreen(() => /second NEEDLE there/.test(run.rows()[cursorRow(run)] ?? ''));
	// The hex view: the match is found in the dump's text column and in its hex bytes.
	run.type('\x18');
	await run.waitForScreen('-- Traffic (hex, Ctrl-X)');
	await run.waitForScreen(() => highlighted(run, 'NEEDLE'));
	run.type('\x1b');
	await run.waitForScreen(rows => !rows.some(row => row.includes('"needle"')));
	run.type(f3);
	await run.waitForScreen('search: ');
	run.type('74 20 6e 65\r');
	await run.waitForScreen(() => highlighted(run, '74 20 6e 65'));
	assert.match(run.screen(), /\|first needle her\|/);
	// Up/Down move the cursor while the log has the focus; Enter shows the entry, with the match marked.
	run.type(up);
	run.type('\r');
	await run.waitForScreen('-- Entry (hex, Ctrl-X)');
	run.type('\x1b\x1b\x1b');
	await run.waitForScreen(rows => rows.some(row => row.startsWith('-- Traffic (hex, Ctrl-X) ---')));
	run.type('\x03');
	await assertRestored(run, 130);
});
