// A keyboard in plain mode (--no-tui on a terminal, or `netcrab-tui host:port | cat`): what a
// key sends, and what it echoes so the screen looks like a terminal's.
//
// | typed                     | sent (keystroke mode)   | sent with -C | echoed                    |
// |---------------------------|-------------------------|--------------|---------------------------|
// | Enter (the terminal's CR) | \n                      | \r\n         | a new line (CR LF)        |
// | printable text, UTF-8     | as typed                | as typed     | as typed                  |
// | Backspace (0x7f, 0x08)    | as typed (the peer's    | as typed     | erases the last character |
// |                           | line editor decides)    |              | on screen (BS space BS)   |
// | Tab                       | 0x09                    | 0x09         | a tab                     |
// | other control keys        | as typed                | as typed     | ^X, as a terminal's echoctl|
// | a pasted block            | every CR as Enter above | the same     | the same                  |
//
// In line mode (-i stdin-nochar) the terminal itself edits the line (Backspace, Ctrl-U) and
// echoes it; a finished line ends in \n, or \r\n with -C.
const cr = 0x0d;
const lf = 0x0a;

/** Raw keys -> bytes for the peer: every Enter (CR) becomes the line end. */
export function keysToSend(keys: Buffer, crlf: boolean): Buffer {
	if (!keys.includes(cr)) return keys;
	const lineEnd = crlf ? '\r\n' : '\n';
	return Buffer.from(keys.toString('latin1').replace(/\r/g, lineEnd), 'latin1');
}

/** A line the terminal finished (cooked mode) -> bytes for the peer: -C makes its LF a CRLF. */
export function lineToSend(line: Buffer, crlf: boolean): Buffer {
	if (!crlf || !line.includes(lf)) return line;
	return Buffer.from(line.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** What the screen shows for keys that were sent (after keysToSend), as a terminal would echo. */
export function echoOf(sent: Buffer): string {
	let text = '';
	for (const character of sent.toString('utf8')) {
		const code = character.codePointAt(0)!;
		if (code === lf) text += '\r\n';
		else if (code === cr) continue;
		else if (code === 0x7f || code === 0x08) text += '\b \b';
		else if (code === 0x09) text += '\t';
		else if (code < 0x20) text += `^${String.fromCharCode(code + 0x40)}`;
		else if (code >= 0x80 && code < 0xa0) continue;
		else text += character;
	}
	return text;
}
