// The PlayFab Quality of Service beacon protocol. A request is a datagram 0xFF 0xFF + payload; the
// reply is 0x00 0x00 + the same payload. Pure: the client and server glue lives beside it.

export function isBeaconRequest(datagram: Buffer): boolean {
	return datagram.length >= 2 && datagram[0] === 0xff && datagram[1] === 0xff;
}

export function isBeaconReply(datagram: Buffer): boolean {
	return datagram.length >= 2 && datagram[0] === 0x00 && datagram[1] === 0x00;
}

/** The server's answer: the request with its marker turned into 0x00 0x00. */
export function beaconReply(request: Buffer): Buffer {
	const reply = Buffer.from(request);
	reply[0] = 0x00;
	reply[1] = 0x00;
	return reply;
}

/** Requests in flight longer than this are forgotten (lost datagrams must not pile up). */
const forgetAfterMs = 10_000;

/** The client side: numbers its requests and turns matching replies into round-trip times. */
export class BeaconTracker {
	private sequence = 0;
	private readonly sentAt = new Map<string, number>();

	/** A new request; the payload is a sequence number, unique for this run. */
	request(now: number): Buffer {
		const datagram = Buffer.alloc(10);
		datagram[0] = 0xff;
		datagram[1] = 0xff;
		datagram.writeBigUInt64BE(BigInt(++this.sequence), 2);
		for (const [key, time] of this.sentAt) {
			if (now - time <= forgetAfterMs) break;
			this.sentAt.delete(key);
		}
		this.sentAt.set(datagram.subarray(2).toString('hex'), now);
		return datagram;
	}

	/** The round trip in ms when this is a reply to a request in flight (every peer may answer). */
	roundTrip(datagram: Buffer, now: number): number | undefined {
		if (!isBeaconReply(datagram)) return undefined;
		const sent = this.sentAt.get(datagram.subarray(2).toString('hex'));
		return sent === undefined ? undefined : now - sent;
	}
}
