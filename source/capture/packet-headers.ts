// Synthesized link, network and transport headers for one captured chunk: Ethernet, IPv4 or IPv6,
// TCP or UDP, with the route's real addresses and ports. Pure.
//
// Checksums: the IPv4 header checksum is computed (it is 20 bytes). TCP checksums are left 0, as
// a capture of a host with checksum offload shows them; Wireshark does not check them unless
// asked. UDP over IPv4 writes 0 ("no checksum", allowed); UDP over IPv6 must carry one, so it is
// computed there (datagrams are at most 64 KiB).

export interface Endpoint {
	/** 4 bytes (IPv4) or 16 bytes (IPv6). */
	address: Buffer;
	port: number;
}

export interface TcpSegment {
	flags: number;
	seq: number;
	ack: number;
}

export const tcpFlags = {fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10} as const;

/** The largest TCP payload one synthesized IPv4 packet can hold (65535 - 20 - 20). */
export const maxTcpPayload = 65_495;

const ethernetLength = 14;
const ipv4Length = 20;
const ipv6Length = 40;
const tcpLength = 20;
const udpLength = 8;
const protocolTcp = 6;
const protocolUdp = 17;

/** Locally administered MAC addresses: 02:00:00:00:00:01 for us, ...:02 for the peer. */
const ourMac = Buffer.from([2, 0, 0, 0, 0, 1]);
const peerMac = Buffer.from([2, 0, 0, 0, 0, 2]);

function ipHeaderLength(source: Endpoint): number {
	return source.address.length === 4 ? ipv4Length : ipv6Length;
}

export function tcpHeaders(
	source: Endpoint,
	destination: Endpoint,
	fromUs: boolean,
	segment: TcpSegment,
	payloadLength: number,
	ipId: number,
): Buffer {
	const ipLength = ipHeaderLength(source);
	const out = Buffer.alloc(ethernetLength + ipLength + tcpLength);
	const ipOffset = writeEthernet(out, fromUs, source.address.length === 4);
	const tcpOffset = writeIp(out, ipOffset, source, destination, protocolTcp, tcpLength + payloadLength, ipId);
	out.writeUInt16BE(source.port, tcpOffset);
	out.writeUInt16BE(destination.port, tcpOffset + 2);
	out.writeUInt32BE(segment.seq >>> 0, tcpOffset + 4);
	out.writeUInt32BE(segment.flags & tcpFlags.ack ? segment.ack >>> 0 : 0, tcpOffset + 8);
	out[tcpOffset + 12] = (tcpLength / 4) << 4;
	out[tcpOffset + 13] = segment.flags;
	out.writeUInt16BE(0xffff, tcpOffset + 14); // window
	return out;
}

export function udpHeaders(source: Endpoint, destination: Endpoint, fromUs: boolean, payload: Buffer, ipId: number): Buffer {
	const ipLength = ipHeaderLength(source);
	const out = Buffer.alloc(ethernetLength + ipLength + udpLength);
	const ipOffset = writeEthernet(out, fromUs, source.address.length === 4);
	const udpOffset = writeIp(out, ipOffset, source, destination, protocolUdp, udpLength + payload.length, ipId);
	out.writeUInt16BE(source.port, udpOffset);
	out.writeUInt16BE(destination.port, udpOffset + 2);
	out.writeUInt16BE(udpLength + payload.length, udpOffset + 4);
	if (source.address.length === 16) {
		const checksum = udpChecksumV6(source.address, destination.address, out.subarray(udpOffset), payload);
		out.writeUInt16BE(checksum, udpOffset + 6);
	}
	return out;
}

function writeEthernet(out: Buffer, fromUs: boolean, ipv4: boolean): number {
	(fromUs ? peerMac : ourMac).copy(out, 0);
	(fromUs ? ourMac : peerMac).copy(out, 6);
	out.writeUInt16BE(ipv4 ? 0x0800 : 0x86dd, 12);
	return ethernetLength;
}

/** Writes the IP header at `offset`; returns where the transport header starts. */
function writeIp(
	out: Buffer,
	offset: number,
	source: Endpoint,
	destination: Endpoint,
	protocol: number,
	transportLength: number,
	ipId: number,
): number {
	if (source.address.length === 4) {
		out[offset] = 0x45;
		out.writeUInt16BE(ipv4Length + transportLength, offset + 2);
		out.writeUInt16BE(ipId & 0xffff, offset + 4);
		out.writeUInt16BE(0x4000, offset + 6); // don't fragment
		out[offset + 8] = 64; // TTL
		out[offset + 9] = protocol;
		source.address.copy(out, offset + 12);
		destination.address.copy(out, offset + 16);
		out.writeUInt16BE(onesComplement(sum16(out.subarray(offset, offset + ipv4Length), 0)), offset + 10);
		return offset + ipv4Length;
	}
	out.writeUInt32BE(0x60000000, offset);
	out.writeUInt16BE(transportLength, offset + 4);
	out[offset + 6] = protocol;
	out[offset + 7] = 64; // hop limit
	source.address.copy(out, offset + 8);
	destination.address.copy(out, offset + 24);
	return offset + ipv6Length;
}

/** The 16-bit one's complement sum of `data` (odd length padded with a zero byte), added to `sum`. */
function sum16(data: Uint8Array, sum: number): number {
	const even = data.length & ~1;
	for (let index = 0; index < even; index += 2) sum += (data[index]! << 8) | data[index + 1]!;
	if (even < data.length) sum += data[even]! << 8;
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return sum;
}

function onesComplement(sum: number): number {
	return ~sum & 0xffff;
}

function udpChecksumV6(source: Buffer, destination: Buffer, udpHeader: Buffer, payload: Buffer): number {
	const pseudo = Buffer.alloc(40);
	source.copy(pseudo, 0);
	destination.copy(pseudo, 16);
	pseudo.writeUInt32BE(udpLength + payload.length, 32);
	pseudo[39] = protocolUdp;
	let sum = sum16(pseudo, 0);
	sum = sum16(udpHeader.subarray(0, udpLength), sum);
	sum = sum16(payload, sum);
	const checksum = onesComplement(sum);
	// A computed 0 is sent as all ones: 0 means "none", which IPv6 forbids.
	return checksum === 0 ? 0xffff : checksum;
}
