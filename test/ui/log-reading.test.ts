// Issue 15 items 1-5, the pure parts: wrapping rows, keeping the `... N more` note, marking
// search matches, the log window around a cursor, follow one peer, search, the details rows, and
// the pinned list window.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {detailRows} from '../../source/ui/details-view.js';
import {followFilter} from '../../source/ui/follow.js';
import {actionFor} from '../../source/ui/keymap.js';
import {listIndicator, pinnedOffset, shownRows} from '../../source/ui/list-window.js';
import {logWindow, nearestKept, stepKept} from '../../source/ui/log-cursor.js';
import type {DisplayLine} from '../../source/ui/log-lines.js';
import {LogRing} from '../../source/ui/log-ring.js';
import {clipKeepingNote, entryRows, markMatches, wrapLine} from '../../source/ui/log-rows.js';
import {LogSearch} from '../../source/ui/search.js';
import {storeWithRouter} from '../helpers/ui-store.js';
import type {LogEntry, TrafficEntry} from '../../source/ui/snapshot.js';

const text = (line: DisplayLine) => line.map(segment => segment.text).join('');

function traffic(source: number, payload: string, destinations: number[] = []): TrafficEntry {
	const preview = Buffer.from(payload);
	return {kind: 'traffic', time: 0, source, destinations, bytes: preview.length, chunks: 1, preview};
}

function notice(line: string): LogEntry {
	return {kind: 'notice', time: 0, level: 'info', text: line};
}

test('wrapLine cuts at the width (every character kept, in order); words mode breaks at a space', () => {
	const line: DisplayLine = [
		{text: 'abcdefghij', style: 'plain'},
		{text: 'KLMNOPQRST', style: 'escaped'},
	];
	const rows = wrapLine(line, 8);
	assert.deepEqual(rows.map(text), ['abcdefgh', '  ijKLMN', '  OPQRST']);
	assert.equal(rows[1]![2]!.style, 'escaped');
	const words = wrapLine([{text: 'one two three four', style: 'info'}], 10, true);
	assert.deepEqual(words.map(text), ['one two', '  three', '  four']);
	assert.ok(wrapLine([{text: 'x'.repeat(500), style: 'plain'}], 80).every(row => text(row).length <= 80));
});

test('a line cut at the edge keeps its `... N more` note whole', () => {
	const line: DisplayLine = [
		{text: '12:00:00.000 ', style: 'time'},
		{text: 'x'.repeat(100), style: 'plain'},
		{text: ' ... 3.88 KiB more', style: 'dim'},
	];
	const row = clipKeepingNote(line, 40);
	assert.equal(text(row).length, 40);
	assert.match(text(row), /^12:00:00\.000 x+ \.\.\. 3\.88 KiB more$/);
});

test('search matches are marked case-insensitively, also across segments', () => {
	const line: DisplayLine = [
		{text: 'a nee', style: 'plain'},
		{text: 'DLE b needle', style: 'escaped'},
	];
	const marked = markMatches(line, 'needle');
	assert.equal(text(marked), text(line));
	assert.deepEqual(
		marked.filter(segment => segment.mark === 'match').map(segment => segment.text),
		['nee', 'DLE', 'needle'],
	);
	const rows = entryRows(traffic(1, 'find me'), {view: 'hex', width: 80, wrap: false, query: '66 69 6e'});
	assert.ok(rows.some(row => row.some(segment => segment.mark === 'match' && segment.text === '66 69 6e')));
});

test('the log window keeps the cursor in view and skips entries the filter hides', () => {
	const ring = new LogRing<LogEntry>(100);
	for (let index = 0; index < 50; index++) ring.push(traffic(index % 2 === 0 ? 1 : 2, `line ${index}`));
	const all = () => true;
	const rowsOf = (entry: LogEntry) => entryRows(entry, {view: 'text', width: 80, wrap: false});
	const live = logWindow(ring, undefined, undefined, 10, all, rowsOf);
	assert.equal(live.bottom, 49);
	assert.match(text(live.rows.at(-1)!), /line 49/);
	// The cursor above the top: the window starts at it.
	const moved = logWindow(ring, undefined, 5, 10, all, rowsOf);
	assert.match(text(moved.rows[0]!), /line 5/);
	assert.equal(moved.bottom, 14);
	const odd = (entry: LogEntry) => entry.kind === 'traffic' && entry.source === 2;
	assert.equal(nearestKept(ring, 10, -1, odd), 9);
	assert.equal(stepKept(ring, 49, -3, odd), 43);
	assert.equal(stepKept(ring, 1, -5, odd), 1);
	const filtered = logWindow(ring, undefined, undefined, 10, odd, rowsOf);
	assert.ok(filtered.rows.every(row => /line \d*[13579]\b/.test(text(row))));
});

test('follow one peer keeps its traffic either way and the notices that name it', () => {
	const keep = followFilter(3)!;
	assert.equal(keep(traffic(3, 'x')), true);
	assert.equal(keep(traffic(0, 'x', [3])), true);
	assert.equal(keep(traffic(1, 'x', [2])), false);
	assert.equal(keep(notice('#3 Accepted connection')), true);
	assert.equal(keep(notice('#31 Accepted connection')), false);
	assert.equal(keep(notice('Channels: #1 <-> #3')), true);
	assert.equal(followFilter('all'), undefined);
});

test('search walks older and newer from an entry and says when nothing is left', () => {
	const ring = new LogRing<LogEntry>(10);
	for (const payload of ['needle', 'hay', 'NEEDLE', 'hay']) ring.push(traffic(1, payload));
	const search = new LogSearch();
	search.set('needle');
	const all = () => true;
	assert.equal(search.find(ring, 4, 'older', 'text', all), 2);
	assert.equal(search.find(ring, 2, 'older', 'text', all), 0);
	assert.equal(search.find(ring, 0, 'older', 'text', all), undefined);
	assert.equal(search.note, 'no older match');
	assert.equal(search.find(ring, 0, 'newer', 'text', all), 2);
	assert.equal(search.note, undefined);
	// The hex view is searched as it is shown.
	search.set('6e 65 65');
	assert.equal(search.find(ring, 4, 'older', 'hex', all), 0);
});

test('the details rows hold every kept byte, wrapped, as text or hex', () => {
	const payload = `${'x'.repeat(4980)}TAIL`;
	const rows = detailRows(traffic(1, payload), 'text', 80, undefined);
	assert.ok(rows.every(row => text(row).length <= 80));
	assert.equal(
		rows
			.slice(1)
			.map(row => text(row).replace(/^ {2}/, ''))
			.join(''),
		payload,
	);
	const hex = detailRows(traffic(1, payload), 'hex', 80, undefined);
	assert.match(text(hex.at(-1)!), /^1370 {2}78 78 78 78 54 41 49 4c .*\|xxxxTAIL\|$/);
});

test('the list pins All peers, scrolls the rest under it and says which rows it shows', () => {
	assert.equal(pinnedOffset(1, 20, 11, 32), 11);
	assert.deepEqual(shownRows(11, 11, 32), [0, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
	assert.equal(listIndicator(11, 11, 32), 'rows 1, 12-21 of 32');
	assert.equal(listIndicator(1, 11, 32), 'rows 1-11 of 32');
	assert.equal(listIndicator(1, 11, 5), '');
	assert.equal(pinnedOffset(11, 0, 11, 32), 1, 'All peers selected: the list is back at its top');
	assert.equal(pinnedOffset(11, 31, 11, 32), 22);
});

test('the keys of issue 15 items 1-5 are bound', () => {
	const expected: Array<[string, string]> = [
		['\t', 'focus-next'],
		['\x1b[Z', 'focus-previous'],
		['\x1b[H', 'log-start'],
		['\x1bOR', 'search'],
		['\x1b[1;2R', 'search-previous'],
		['\x1bOS', 'toggle-wrap'],
		['\x1b[15~', 'follow-peer'],
		['\x1b[17~', 'go-to-route'],
	];
	for (const [sequence, action] of expected) assert.equal(actionFor(Buffer.from(sequence, 'latin1')), action, JSON.stringify(sequence));
});

test('paging back to the oldest entries shows a full page, not the oldest entry alone', () => {
	const {router, store} = storeWithRouter({scrollback: 1000});
	for (let index = 0; index < 100; index++) router.report('info', `line ${index}`);
	store.flush();
	store.scroll(-50);
	store.flush();
	const {log, layout} = store.getSnapshot();
	assert.equal(log.length, layout.logHeight);
	assert.deepEqual(log[0], {...log[0]!, text: 'line 0'});
	store.dispose();
});

test('the entry under the cursor is marked in its text too (`>` after the time), for NO_COLOR', () => {
	const [row] = entryRows(
		{...traffic(1, 'hi'), time: new Date(2026, 0, 1, 12, 0, 0).getTime()},
		{view: 'text', width: 80, wrap: false, cursor: true},
	);
	assert.match(text(row!), /^12:00:00\.000>#1 received 2 B hi$/);
	assert.equal(row![0]!.mark, 'cursor');
});
