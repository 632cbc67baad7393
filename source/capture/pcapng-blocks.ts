// pcapng blocks, written from the IETF draft (draft-ietf-opsawg-pcapng): Section Header,
// Interface Description and Enhanced Packet blocks in the writer's byte order (little endian,
// which readers detect from the byte-order magic). Pure: each function returns Buffers.

/** LINKTYPE_ETHERNET: every packet starts with a synthesized Ethernet header. */
export const linkTypeEthernet = 1;

const sectionHeaderType = 0x0a0d0d0a;
const interfaceDescriptionType = 0x00000001;
const enhancedPacketType = 0x00000006;
const byteOrderMagic = 0x1a2b3c4d;

const optionEnd = 0;
/** opt_comment: valid in every block. */
const optionComment = 1;
const shbHardware = 2;
const shbOs = 3;
const shbUserApplication = 4;
const ifName = 2;
const ifDescription = 3;
const ifTimestampResolution = 9;
const epbFlags = 2;

export interface PcapngOption {
	code: number;
	value: Buffer;
}

function padded(length: number): number {
	return (length + 3) & ~3;
}

function textOption(code: number, text: string | undefined): PcapngOption[] {
	return text === undefined || text === '' ? [] : [{code, value: Buffer.from(text, 'utf8')}];
}

/** Options, each padded to 32 bits, then opt_endofopt; nothing when there are none. */
export function encodeOptions(options: readonly PcapngOption[]): Buffer {
	if (options.length === 0) return Buffer.alloc(0);
	const size = options.reduce((sum, option) => sum + 4 + padded(option.value.length), 0) + 4;
	const out = Buffer.alloc(size);
	let offset = 0;
	for (const option of options) {
		out.writeUInt16LE(option.code, offset);
		out.writeUInt16LE(option.value.length, offset + 2);
		option.value.copy(out, offset + 4);
		offset += 4 + padded(option.value.length);
	}
	out.writeUInt16LE(optionEnd, offset);
	return out;
}

/** type, total length, body, total length again: the frame every block shares. */
function block(type: number, body: Buffer): Buffer {
	const total = 12 + body.length;
	const out = Buffer.alloc(total);
	out.writeUInt32LE(type, 0);
	out.writeUInt32LE(total, 4);
	body.copy(out, 8);
	out.writeUInt32LE(total, total - 4);
	return out;
}

export interface SectionHeader {
	/** shb_userappl, e.g. `netcrab-tui 0.1.0`. */
	application: string;
	os?: string;
	hardware?: string;
	comment?: string;
}

export function sectionHeaderBlock(header: SectionHeader): Buffer {
	const fixed = Buffer.alloc(16);
	fixed.writeUInt32LE(byteOrderMagic, 0);
	fixed.writeUInt16LE(1, 4); // major version
	fixed.writeUInt16LE(0, 6); // minor version
	fixed.writeBigInt64LE(-1n, 8); // section length: not known while streaming
	const options = encodeOptions([
		...textOption(optionComment, header.comment),
		...textOption(shbHardware, header.hardware),
		...textOption(shbOs, header.os),
		...textOption(shbUserApplication, header.application),
	]);
	return block(sectionHeaderType, Buffer.concat([fixed, options]));
}

export interface InterfaceDescription {
	linkType: number;
	name: string;
	description?: string;
	comment?: string;
}

/** Timestamps are in microseconds (if_tsresol 6, also the default, written so readers need not guess). */
export function interfaceDescriptionBlock(description: InterfaceDescription): Buffer {
	const fixed = Buffer.alloc(8);
	fixed.writeUInt16LE(description.linkType, 0);
	fixed.writeUInt32LE(0, 4); // snaplen 0: no limit
	const options = encodeOptions([
		...textOption(optionComment, description.comment),
		...textOption(ifName, description.name),
		...textOption(ifDescription, description.description),
		{code: ifTimestampResolution, value: Buffer.from([6])},
	]);
	return block(interfaceDescriptionType, Buffer.concat([fixed, options]));
}

export type Direction = 'inbound' | 'outbound';

export interface PacketMeta {
	interfaceId: number;
	/** Microseconds since the epoch. */
	timestampMicros: number;
	direction: Direction;
	comment?: string;
}

/**
 * An Enhanced Packet Block around `frame` (link-layer headers then payload) without copying the
 * payload: the block is the returned buffers written in order.
 */
export function enhancedPacketBlock(meta: PacketMeta, headers: Buffer, payload: Buffer): Buffer[] {
	const captured = headers.length + payload.length;
	const padding = padded(captured) - captured;
	const options = encodeOptions([...textOption(optionComment, meta.comment), {code: epbFlags, value: directionFlags(meta.direction)}]);
	const total = 28 + padded(captured) + options.length + 4;
	const prefix = Buffer.alloc(28 + headers.length);
	prefix.writeUInt32LE(enhancedPacketType, 0);
	prefix.writeUInt32LE(total, 4);
	prefix.writeUInt32LE(meta.interfaceId, 8);
	const high = Math.floor(meta.timestampMicros / 2 ** 32);
	prefix.writeUInt32LE(high, 12);
	prefix.writeUInt32LE(meta.timestampMicros - high * 2 ** 32, 16);
	prefix.writeUInt32LE(captured, 20);
	prefix.writeUInt32LE(captured, 24);
	headers.copy(prefix, 28);
	const suffix = Buffer.alloc(padding + options.length + 4);
	options.copy(suffix, padding);
	suffix.writeUInt32LE(total, suffix.length - 4);
	return payload.length > 0 ? [prefix, payload, suffix] : [prefix, suffix];
}

/** epb_flags: bits 0-1 are the direction (01 inbound, 10 outbound), seen from our side. */
function directionFlags(direction: Direction): Buffer {
	const value = Buffer.alloc(4);
	value.writeUInt32LE(direction === 'inbound' ? 1 : 2, 0);
	return value;
}
