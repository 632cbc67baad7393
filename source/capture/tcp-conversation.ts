// The TCP bookkeeping of one captured route: continuous sequence and acknowledgement numbers per
// side, the handshake at the start, FIN or RST at the end, chunks cut to what one packet holds.
// Pure: it returns segments; the caller turns them into packets.
//
//   event                         segments (sender: flags)
//   open, we connected            us: SYN, them: SYN-ACK, us: ACK
//   open, they connected          them: SYN, us: SYN-ACK, them: ACK
//   data                          sender: PSH-ACK per piece of at most maxTcpPayload bytes
//   a side finished sending       that side: FIN-ACK (once)
//   closed, no error              each side without a FIN yet: FIN-ACK; then the final ACK
//   closed with an error          them: RST-ACK (the error came from their side of our socket)
import {maxTcpPayload, tcpFlags, type TcpSegment} from './packet-headers.js';

export interface Segment extends TcpSegment {
	fromUs: boolean;
	payload: Buffer;
}

interface Side {
	next: number;
	finished: boolean;
}

const empty = Buffer.alloc(0);

function initialSequence(): number {
	return (Math.random() * 2 ** 32) >>> 0;
}

export class TcpConversation {
	private readonly us: Side = {next: initialSequence(), finished: false};
	private readonly them: Side = {next: initialSequence(), finished: false};
	private closed = false;
	private firstFin: boolean | undefined;

	constructor(private readonly maxPayload = maxTcpPayload) {}

	open(weConnected: boolean): Segment[] {
		const client = weConnected;
		const synFromClient = this.segment(client, tcpFlags.syn, empty);
		this.side(client).next++;
		const synAck = this.segment(!client, tcpFlags.syn | tcpFlags.ack, empty);
		this.side(!client).next++;
		const ack = this.segment(client, tcpFlags.ack, empty);
		return [synFromClient, synAck, ack];
	}

	data(fromUs: boolean, payload: Buffer): Segment[] {
		const sender = this.side(fromUs);
		if (this.closed || sender.finished || payload.length === 0) return [];
		const segments: Segment[] = [];
		for (let offset = 0; offset < payload.length; offset += this.maxPayload) {
			const piece = offset === 0 && payload.length <= this.maxPayload ? payload : payload.subarray(offset, offset + this.maxPayload);
			segments.push(this.segment(fromUs, tcpFlags.psh | tcpFlags.ack, piece));
			sender.next = (sender.next + piece.length) >>> 0;
		}
		return segments;
	}

	finish(fromUs: boolean): Segment[] {
		const sender = this.side(fromUs);
		if (this.closed || sender.finished) return [];
		const fin = this.segment(fromUs, tcpFlags.fin | tcpFlags.ack, empty);
		sender.next = (sender.next + 1) >>> 0;
		sender.finished = true;
		this.firstFin ??= fromUs;
		return [fin];
	}

	close(error: boolean): Segment[] {
		if (this.closed) return [];
		if (error) {
			const reset = this.segment(false, tcpFlags.rst | tcpFlags.ack, empty);
			this.closed = true;
			return [reset];
		}
		const segments = [...this.finish(this.firstFin ?? false), ...this.finish(!(this.firstFin ?? false))];
		segments.push(this.segment(this.firstFin!, tcpFlags.ack, empty));
		this.closed = true;
		return segments;
	}

	private side(fromUs: boolean): Side {
		return fromUs ? this.us : this.them;
	}

	private segment(fromUs: boolean, flags: number, payload: Buffer): Segment {
		return {fromUs, flags, seq: this.side(fromUs).next, ack: this.side(!fromUs).next, payload};
	}
}
