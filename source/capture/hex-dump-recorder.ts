// Router events as an ncat -x style hex dump: each chunk is a line naming the time, route,
// direction and size, then ncat's lines (offset, 16 bytes in two groups of 8, printable ASCII
// with '.' for the rest). Opens and closes get a line of their own.
//
//   [2026-12-02T13:20:01.123456Z] route 1 127.0.0.1:40000 -> us, 6 bytes
//   0000   68 65 6c 6c 6f 0a                                  hello.
import type {RouteInfo} from '../router/route.js';
import type {CaptureRecorder, RecordSink} from './capture-recorder.js';

function stamp(micros: number): string {
	const iso = new Date(Math.floor(micros / 1000)).toISOString();
	return `${iso.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z`;
}

const hexDigits = '0123456789abcdef';

/** ncat's layout: `0000   68 65 6c 6c 6f 20 77 6f  72 6c 64 0a  ...  hello.world.` */
export function hexLines(data: Buffer): string {
	const offsetWidth = data.length > 0x10000 ? 8 : 4;
	let out = '';
	for (let start = 0; start < data.length; start += 16) {
		let hex = '';
		let text = '';
		for (let index = 0; index < 16; index++) {
			if (index === 8) hex += ' ';
			const byte = data[start + index];
			if (byte === undefined) {
				hex += '   ';
				text += ' ';
				continue;
			}
			hex += `${hexDigits[byte >> 4]}${hexDigits[byte & 15]} `;
			text += byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
		}
		out += `${start.toString(16).padStart(offsetWidth, '0')}   ${hex} ${text}\n`;
	}
	return out;
}

export class HexDumpRecorder implements CaptureRecorder {
	/** TLS routes whose plaintext was announced (a route knows it runs TLS once its handshake is done). */
	private readonly tlsNoted = new Set<number>();

	constructor(
		private readonly sink: RecordSink,
		private readonly application: string,
	) {}

	begin(time: number): void {
		this.line(`[${stamp(time)}] ${this.application} hex dump: "PEER -> us" is what a peer sent, "us -> PEER" what we wrote to it`);
	}

	opened(route: RouteInfo, time: number): void {
		this.line(
			`[${stamp(time)}] route ${route.id} ${route.protocol} ${route.origin === 'outbound' ? 'connected to' : 'accepted from'} ${route.peer} (local ${route.local})`,
		);
		this.noteTls(route, time);
	}

	data(route: RouteInfo, fromUs: boolean, data: Buffer, time: number): void {
		this.noteTls(route, time);
		const arrow = fromUs ? `us -> ${route.peer}` : `${route.peer} -> us`;
		this.sink([Buffer.from(`[${stamp(time)}] route ${route.id} ${arrow}, ${data.length} bytes\n${hexLines(data)}`, 'latin1')]);
	}

	peerFinished(route: RouteInfo, time: number): void {
		this.line(`[${stamp(time)}] route ${route.id} ${route.peer} finished sending`);
	}

	closed(route: RouteInfo, error: Error | undefined, time: number): void {
		this.tlsNoted.delete(route.id);
		this.line(`[${stamp(time)}] route ${route.id} ${route.peer} closed${error ? `: ${error.message}` : ''}`);
	}

	runEnded(route: RouteInfo, time: number): void {
		this.tlsNoted.delete(route.id);
		this.line(`[${stamp(time)}] route ${route.id} ${route.peer} closed by us: the run ended`);
	}

	private noteTls(route: RouteInfo, time: number): void {
		if (!route.tls || this.tlsNoted.has(route.id)) return;
		this.tlsNoted.add(route.id);
		this.line(
			`[${stamp(time)}] route ${route.id} runs ${route.tls.version} (${route.tls.cipher}): the bytes below are the decrypted plaintext`,
		);
	}

	private line(text: string): void {
		this.sink([Buffer.from(`${text}\n`, 'utf8')]);
	}
}
