// Issue 15 item 1: each log entry keeps up to 64 KiB for the details view, and the log's payload
// memory stays bounded (scrollback x 1 KiB + the budget), the oldest entries giving theirs back first.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {entryCap, PayloadKeeper, previewLimit} from '../../source/ui/log-payloads.js';
import {LogRing} from '../../source/ui/log-ring.js';
import type {TrafficEntry} from '../../source/ui/snapshot.js';
import {MemoryRoute} from '../helpers/memory-route.js';
import {storeWithRouter} from '../helpers/ui-store.js';

function entry(keeper: PayloadKeeper, data: Buffer): TrafficEntry {
	const made: TrafficEntry = {
		kind: 'traffic',
		time: 0,
		source: 1,
		destinations: [],
		bytes: data.length,
		chunks: 1,
		preview: keeper.first(data),
	};
	keeper.added(made);
	return made;
}

test('an entry keeps its bytes up to 64 KiB, chunk after chunk, exactly', () => {
	const keeper = new PayloadKeeper();
	const chunks = Array.from({length: 70_000}, (_, index) => Buffer.from([index % 251]));
	const made = entry(keeper, chunks[0]!);
	for (const chunk of chunks.slice(1)) keeper.append(made, chunk);
	keeper.finish();
	assert.equal(made.preview.length, entryCap);
	assert.deepEqual(made.preview, Buffer.concat(chunks).subarray(0, entryCap));
	assert.equal(keeper.heldBeyondPreview, entryCap - previewLimit);
	// A finished entry holds its own bytes, not the larger buffer it grew in.
	const small = entry(keeper, Buffer.from('a'));
	for (let index = 1; index < 5000; index++) keeper.append(small, Buffer.from('b'));
	assert.ok(small.preview.buffer.byteLength > 5000, 'grows in a larger buffer');
	keeper.finish();
	assert.equal(small.preview.length, 5000);
	assert.equal(small.preview.buffer.byteLength, 5000);
});

test('over the budget the oldest entries give back all but their first 1 KiB', () => {
	const budget = 3 * (entryCap - previewLimit);
	const keeper = new PayloadKeeper(budget);
	const entries = Array.from({length: 10}, (_, index) => entry(keeper, Buffer.alloc(entryCap, 0x41 + index)));
	assert.ok(keeper.heldBeyondPreview <= budget);
	assert.deepEqual(
		entries.map(made => made.preview.length),
		[...Array<number>(7).fill(previewLimit), ...Array<number>(3).fill(entryCap)],
	);
	assert.deepEqual(
		entries.map(made => made.trimmed === true),
		[...Array<boolean>(7).fill(true), ...Array<boolean>(3).fill(false)],
	);
	assert.equal(entries[0]!.preview[0], 0x41);
});

test('entries that fall off the ring stop counting against the budget', () => {
	const keeper = new PayloadKeeper();
	const ring = new LogRing<TrafficEntry>(2, dropped => keeper.dropped(dropped));
	for (let index = 0; index < 5; index++) ring.push(entry(keeper, Buffer.alloc(10_000)));
	assert.equal(keeper.heldBeyondPreview, 2 * (10_000 - previewLimit));
});

test('through the store: a 64 KiB chunk flood keeps the log within scrollback x 1 KiB + 32 MiB', () => {
	const {router, store} = storeWithRouter({scrollback: 2000});
	const a = MemoryRoute.add(router);
	const b = MemoryRoute.add(router);
	const chunk = Buffer.alloc(entryCap, 0x5a);
	// Two sources in turn, so no two chunks coalesce: 1000 entries of 64 KiB = 62.5 MiB sent.
	for (let index = 0; index < 500; index++) {
		a.send(chunk);
		b.send(chunk);
	}
	store.flush();
	// Count what the published entries hold.
	const held = store.getSnapshot().log.length;
	assert.ok(held > 0);
	let total = 0;
	let whole = 0;
	for (let seq = 0; seq < 1000; seq++) {
		const kept = (store as unknown as {ring: LogRing<TrafficEntry>}).ring.get(seq + 2);
		if (!kept || kept.kind !== 'traffic') continue;
		total += kept.preview.length;
		if (kept.preview.length === entryCap) whole++;
	}
	assert.ok(total <= 2000 * previewLimit + 32 * 1024 * 1024, `${total} bytes held`);
	// The newest entries are whole (the budget holds 511 of them).
	assert.ok(whole >= 500, `${whole} whole entries`);
	store.dispose();
});
