// Received bytes bound for a terminal in plain mode (--no-tui, or stdin piped with stdout on a
// terminal). A peer must not steer the terminal, so every control byte, ESC and invalid UTF-8 byte
// is written as a visible \xNN escape; line ends (LF, CRLF) stay line ends. Pipes and files get the
// bytes untouched: this stage exists only when stdout is a TTY.
import {Transform} from 'node:stream';
import {safeText, splitLines} from '../render-bytes.js';

export function escapeForTerminal(data: Uint8Array): string {
	let text = '';
	for (const line of splitLines(data)) {
		const hasLf = line.at(-1) === 0x0a;
		const hasCr = hasLf && line.at(-2) === 0x0d;
		const body = line.subarray(0, line.length - (hasLf ? 1 : 0) - (hasCr ? 1 : 0));
		text += safeText(body) + (hasLf ? '\n' : '');
	}
	return text;
}

/** A stream to write received bytes into; it pipes the escaped text to the terminal. */
export function terminalOutput(terminal: NodeJS.WritableStream): Transform {
	const escaper = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			done(null, escapeForTerminal(chunk));
		},
	});
	escaper.pipe(terminal);
	// The terminal's own errors (EIO once it is gone) reach whoever handles the output's errors.
	terminal.on('error', error => escaper.destroy(error));
	return escaper;
}
