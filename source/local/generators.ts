// Builds the generator for -i rand / -i fixed from the options.
import type {Options} from '../options.js';
import {GeneratorInput} from './generator-input.js';
import {fixedPayload, RandomPayloads} from './payloads.js';

/** -i fixed without --ss: 16 KiB writes run TCP at GB/s on loopback (1450 bytes: ~200 MB/s); UDP gets one unfragmented datagram. */
export function defaultFixedSize(udp: boolean): number {
	return udp ? 1450 : 16 * 1024;
}

export function createGenerator(
	options: Pick<Options, 'inputMode' | 'udp' | 'sendSize' | 'randomSize' | 'randomValues'>,
	send: (data: Buffer) => void,
	hasDestination: () => boolean,
): GeneratorInput | undefined {
	if (options.inputMode === 'fixed') {
		const payload = fixedPayload(options.sendSize ?? defaultFixedSize(options.udp), options.randomValues);
		return new GeneratorInput({next: () => payload, send, hasDestination});
	}
	if (options.inputMode === 'rand') {
		const payloads = new RandomPayloads(options.randomSize, options.randomValues);
		return new GeneratorInput({next: () => payloads.next(), send, hasDestination});
	}
	return undefined;
}
