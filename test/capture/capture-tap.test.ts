// The capture's backpressure against a real slow writer: a named pipe (FIFO) that the test reads
// only when it chooses, so the "disk" cannot keep up until then. Router and routes are in memory
// (the router's logic, as in test/router.test.ts); the file and the pipe are real.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {createReadStream, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {CaptureFile} from '../../source/capture/capture-file.js';
import {CaptureTap} from '../../source/capture/capture-tap.js';
import {PcapngRecorder} from '../../source/capture/pcapng-recorder.js';
import {Router} from '../../source/router/router.js';
import type {Route} from '../../source/router/route.js';
import {Condition} from '../helpers/condition.js';
import {sha256} from '../helpers/peers.js';
import {followTcp, tsharkMissing} from '../helpers/tshark.js';

class PausableRoute implements Route {
	readonly protocol = 'tcp';
	readonly origin = 'inbound';
	readonly local = '127.0.0.1:5000';
	readonly peer: string;
	readonly peerHost = '127.0.0.1';
	readonly family = 4;
	readonly id: number;
	paused = false;
	readonly written: Buffer[] = [];
	constructor(
		router: Router,
		port: number,
		private readonly changed: Condition,
	) {
		this.id = router.allocateId();
		this.peer = `127.0.0.1:${port}`;
	}
	write(data: Buffer): boolean {
		this.written.push(data);
		return true;
	}
	pause(): void {
		this.paused = true;
		this.changed.notify();
	}
	resume(): void {
		this.paused = false;
		this.changed.notify();
	}
	end(): void {}
	destroy(): void {}
}

function fifo(t: TestContext): string {
	const directory = mkdtempSync(join(tmpdir(), 'netcrab-fifo-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const path = join(directory, 'capture.pcapng');
	assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
	return path;
}

test('a capture that cannot keep up pauses the source like a slow destination, and loses nothing', {skip: tsharkMissing}, async t => {
	const path = fifo(t);
	// Nobody reads the pipe yet: the file cannot even open, and writes wait.
	const router = new Router({mode: 'hub', echo: false, localInputOpen: false});
	const changed = new Condition();
	const source = new PausableRoute(router, 40001, changed);
	const destination = new PausableRoute(router, 40002, changed);
	router.addRoute(source);
	router.addRoute(destination);
	const file = new CaptureFile(path, undefined);
	const tap = new CaptureTap(
		router,
		file,
		sink => new PcapngRecorder(sink, 'netcrab-tui test', () => ({name: 'test', description: 'test'})),
		{limit: undefined},
	);
	tap.start();

	const sent: Buffer[] = [];
	for (let chunk = 0; chunk < 64 && !source.paused; chunk++) {
		const data = Buffer.alloc(1 << 20, chunk);
		sent.push(data);
		router.receive({routeId: source.id, data});
	}
	assert.equal(source.paused, true, 'the source was paused by the capture');
	assert.ok(sent.length < 16, `paused after ${sent.length} MiB: memory stays bounded`);
	assert.equal(destination.paused, false);
	assert.equal(
		Buffer.concat(destination.written).length,
		Buffer.concat(sent).length,
		'the destination got every chunk (the capture is not in the data path)',
	);

	// The reader catches up: the file drains and the source resumes.
	const chunks: Buffer[] = [];
	const reader = createReadStream(path);
	reader.on('data', chunk => chunks.push(chunk as Buffer));
	await changed.until(() => (source.paused ? undefined : true), 'the source to resume');
	router.receive({routeId: source.id, data: Buffer.from('after the pause')});
	sent.push(Buffer.from('after the pause'));
	await tap.stop();
	await new Promise(resolve => reader.on('close', () => resolve(undefined)));

	const copy = join(tmpdir(), `netcrab-fifo-copy-${process.pid}.pcapng`);
	t.after(() => rmSync(copy, {force: true}));
	writeFileSync(copy, Buffer.concat(chunks));
	const stream = await followTcp(copy, 0);
	assert.equal(sha256(stream.data0), sha256(Buffer.concat(sent)), 'what the source sent is all in the capture');
});

test('stopping a capture that holds a source back lets it go at once', async t => {
	const path = fifo(t);
	const router = new Router({mode: 'hub', echo: false, localInputOpen: false});
	const changed = new Condition();
	const source = new PausableRoute(router, 40001, changed);
	router.addRoute(source);
	router.addRoute(new PausableRoute(router, 40002, changed));
	const file = new CaptureFile(path, undefined);
	const tap = new CaptureTap(
		router,
		file,
		sink => new PcapngRecorder(sink, 'netcrab-tui test', () => ({name: 'test', description: 'test'})),
		{limit: undefined},
	);
	tap.start();
	for (let chunk = 0; chunk < 64 && !source.paused; chunk++) router.receive({routeId: source.id, data: Buffer.alloc(1 << 20)});
	assert.equal(source.paused, true);
	const stopped = tap.stop();
	assert.equal(source.paused, false, 'released before the file is flushed');
	const reader = createReadStream(path);
	reader.resume();
	await stopped;
	await new Promise(resolve => reader.on('close', () => resolve(undefined)));
});
