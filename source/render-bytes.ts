// Bytes from the network shown safely: nothing a peer sends may reach the terminal raw, so every
// control byte, ESC, C1 control and invalid UTF-8 byte becomes a visible `\xNN` escape.

/** A run of display text; `escaped` runs are shown dim so they stand apart from real text. */
export interface TextSegment {
	text: string;
	escaped: boolean;
}

function hexByte(byte: number): string {
	return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** Length of the well-formed UTF-8 sequence starting at `index`, or 0 when it is not one. */
function utf8SequenceLength(data: Uint8Array, index: number): number {
	const first = data[index]!;
	let length: number;
	let low = 0x80;
	let high = 0xbf;
	if (first >= 0xc2 && first <= 0xdf) length = 2;
	else if (first >= 0xe0 && first <= 0xef) {
		length = 3;
		if (first === 0xe0) low = 0xa0; // overlong
		if (first === 0xed) high = 0x9f; // UTF-16 surrogates
	} else if (first >= 0xf0 && first <= 0xf4) {
		length = 4;
		if (first === 0xf0) low = 0x90; // overlong
		if (first === 0xf4) high = 0x8f; // above U+10FFFF
	} else return 0;
	if (index + length > data.length) return 0;
	const second = data[index + 1]!;
	if (second < low || second > high) return 0;
	for (let offset = 2; offset < length; offset++) {
		const next = data[index + offset]!;
		if (next < 0x80 || next > 0xbf) return 0;
	}
	return length;
}

/**
 * Code points that are valid UTF-8 but still steer the terminal or the reading order: C1 controls
 * (a terminal may act on U+009B as CSI), line/paragraph separators and bidirectional overrides.
 */
function isUnsafeCodePoint(codePoint: number): boolean {
	return (
		(codePoint >= 0x80 && codePoint <= 0x9f) ||
		codePoint === 0x2028 ||
		codePoint === 0x2029 ||
		(codePoint >= 0x202a && codePoint <= 0x202e) ||
		(codePoint >= 0x2066 && codePoint <= 0x2069) ||
		codePoint === 0xfeff
	);
}

/** Splits bytes into plain and escaped runs. */
export function safeTextSegments(data: Uint8Array): TextSegment[] {
	const segments: TextSegment[] = [];
	let plain = '';
	let escaped = '';
	const flushPlain = () => {
		if (plain) segments.push({text: plain, escaped: false});
		plain = '';
	};
	const flushEscaped = () => {
		if (escaped) segments.push({text: escaped, escaped: true});
		escaped = '';
	};
	const addPlain = (text: string) => {
		flushEscaped();
		plain += text;
	};
	const addEscaped = (text: string) => {
		flushPlain();
		escaped += text;
	};
	let index = 0;
	while (index < data.length) {
		const byte = data[index]!;
		if (byte >= 0x20 && byte < 0x7f) {
			addPlain(String.fromCharCode(byte));
			index++;
			continue;
		}
		const length = byte >= 0x80 ? utf8SequenceLength(data, index) : 0;
		if (length === 0) {
			addEscaped(hexByte(byte));
			index++;
			continue;
		}
		const sequence = data.subarray(index, index + length);
		const text = Buffer.from(sequence.buffer, sequence.byteOffset, sequence.byteLength).toString('utf8');
		if (isUnsafeCodePoint(text.codePointAt(0)!)) addEscaped([...sequence].map(hexByte).join(''));
		else addPlain(text);
		index += length;
	}
	flushPlain();
	flushEscaped();
	return segments;
}

/** The same as one string, for places without styling. */
export function safeText(data: Uint8Array): string {
	return safeTextSegments(data)
		.map(segment => segment.text)
		.join('');
}

/**
 * Splits a payload into display lines at each LF, which stays at the end of its line (escaped), so a
 * line-based protocol reads as lines.
 */
export function splitLines(data: Uint8Array): Uint8Array[] {
	const lines: Uint8Array[] = [];
	let start = 0;
	for (let index = 0; index < data.length; index++) {
		if (data[index] === 0x0a) {
			lines.push(data.subarray(start, index + 1));
			start = index + 1;
		}
	}
	if (start < data.length || lines.length === 0) lines.push(data.subarray(start));
	return lines;
}

const bytesPerHexLine = 16;

/** Classic hex dump lines: offset, 16 bytes in two groups of 8, and the printable ASCII. */
export function hexDumpLines(data: Uint8Array): string[] {
	const lines: string[] = [];
	const offsetWidth = data.length > 0x10000 ? 8 : 4;
	for (let offset = 0; offset < data.length; offset += bytesPerHexLine) {
		const row = data.subarray(offset, offset + bytesPerHexLine);
		let hex = '';
		let ascii = '';
		for (let column = 0; column < bytesPerHexLine; column++) {
			if (column === 8) hex += ' ';
			const byte = row[column];
			hex += byte === undefined ? '   ' : `${byte.toString(16).padStart(2, '0')} `;
			if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
		}
		lines.push(`${offset.toString(16).padStart(offsetWidth, '0')}  ${hex} |${ascii}|`);
	}
	return lines;
}
