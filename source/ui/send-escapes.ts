// Escapes in line mode (F7): `\n`, `\r`, `\t`, `\\` and `\xNN` in the typed line become those
// bytes; everything else is the line's UTF-8. Any other backslash is refused rather than guessed
// at, so a typo cannot send bytes nobody meant (the line is kept for fixing). printf(1), which
// `printf '...' | nc` users reach for, keeps `\d` as typed and reads `\x4` as one byte 0x04: on
// purpose we do neither, since a protocol test wants to know. Pure.

const simple: Record<string, number> = {n: 0x0a, r: 0x0d, t: 0x09, '\\': 0x5c};

export type Decoded = {bytes: Buffer} | {error: string};

export function decodeEscapes(line: string): Decoded {
	const parts: Buffer[] = [];
	let text = '';
	const flushText = () => {
		if (text !== '') parts.push(Buffer.from(text, 'utf8'));
		text = '';
	};
	for (let index = 0; index < line.length; index++) {
		const char = line[index]!;
		if (char !== '\\') {
			text += char;
			continue;
		}
		const next = line[index + 1];
		if (next !== undefined && next in simple) {
			flushText();
			parts.push(Buffer.of(simple[next]!));
			index++;
			continue;
		}
		if (next === 'x') {
			const hex = line.slice(index + 2, index + 4);
			if (!/^[0-9a-fA-F]{2}$/.test(hex)) return {error: `\\x needs two hex digits (at column ${index + 1})`};
			flushText();
			parts.push(Buffer.of(Number.parseInt(hex, 16)));
			index += 3;
			continue;
		}
		const shown = next === undefined ? 'a lone \\ at the end' : `\\${next}`;
		return {error: `${shown} is not an escape (\\n \\r \\t \\\\ \\xNN; \\\\ for a backslash, at column ${index + 1})`};
	}
	flushText();
	return {bytes: Buffer.concat(parts)};
}
