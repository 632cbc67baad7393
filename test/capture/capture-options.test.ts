// --capture, --hex-dump and --capture-max as options, and the router's hold for observers.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatForPath} from '../../source/capture/captures.js';
import {parseOptions, parseSize, UsageError, type RawFlags} from '../../source/options.js';
import {Router} from '../../source/router/router.js';
import type {Route} from '../../source/router/route.js';

const parse = (flags: RawFlags) => parseOptions({tui: true, listen: ['127.0.0.1:0'], ...flags}, []);

test('capture flags are carried into Options', () => {
	const options = parse({capture: 'a.pcapng', hexDump: 'a.txt', captureMax: '10M'});
	assert.equal(options.capture, 'a.pcapng');
	assert.equal(options.hexDump, 'a.txt');
	assert.deepEqual(options.captureMax, {bytes: 10 * 1024 * 1024, text: '10M'});
	assert.equal(parse({}).capture, undefined);
});

test('sizes: bytes, k, M, G (powers of 1024), with or without B/iB', () => {
	assert.equal(parseSize('1000'), 1000);
	assert.equal(parseSize('64k'), 65536);
	assert.equal(parseSize('64KiB'), 65536);
	assert.equal(parseSize('1.5M'), 1572864);
	assert.equal(parseSize('2GB'), 2 * 1024 ** 3);
	for (const bad of ['', '0', 'k', '-5', '10T', '1e3', 'lots']) assert.equal(parseSize(bad), undefined, bad);
});

test('bad capture flags are usage errors', () => {
	const cases: Array<[RawFlags, RegExp]> = [
		[{capture: ''}, /--capture needs a file name/],
		[{hexDump: ' '}, /--hex-dump needs a file name/],
		[{capture: 'x', hexDump: 'x'}, /different files/],
		[{capture: 'x', captureMax: 'huge'}, /bad value "huge" for --capture-max/],
	];
	for (const [flags, message] of cases) {
		assert.throws(
			() => parse(flags),
			(error: Error) => error instanceof UsageError && message.test(error.message),
			JSON.stringify(flags),
		);
	}
});

test('the UI picks the format from the name: .txt, .hex, .log are hex dumps', () => {
	assert.equal(formatForPath('/tmp/a.pcapng'), 'pcapng');
	assert.equal(formatForPath('capture'), 'pcapng');
	assert.equal(formatForPath('dump.TXT'), 'hex');
	assert.equal(formatForPath('dump.hex'), 'hex');
});

class Recorded implements Route {
	readonly protocol = 'tcp';
	readonly origin = 'inbound';
	readonly local = '127.0.0.1:1';
	readonly peer = '127.0.0.1:2';
	readonly peerHost = '127.0.0.1';
	readonly family = 4;
	paused = false;
	accepts = true;
	constructor(readonly id: number) {}
	write(): boolean {
		return this.accepts;
	}
	pause(): void {
		this.paused = true;
	}
	resume(): void {
		this.paused = false;
	}
	end(): void {}
	destroy(): void {}
}

test('router: an observer holds a source back until it drains, alongside a slow destination', () => {
	const router = new Router({mode: 'hub', echo: false, localInputOpen: false});
	const source = new Recorded(router.allocateId());
	const destination = new Recorded(router.allocateId());
	router.addRoute(source);
	router.addRoute(destination);
	const observer = router.allocateObserverId();
	assert.ok(observer < 0, 'observer ids are never route ids');
	assert.equal(router.allocateId(), 3, 'and do not use up route numbers');
	router.holdBack(source.id, observer);
	assert.equal(source.paused, true);
	destination.accepts = false;
	router.receive({routeId: source.id, data: Buffer.from('x')});
	router.drained(observer);
	assert.equal(source.paused, true, 'still waiting for the destination');
	router.drained(destination.id);
	assert.equal(source.paused, false);
	router.holdBack(999, observer);
	router.drained(observer);
});
