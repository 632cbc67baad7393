// Standard input as the stream local input reads. A regular file on stdin (`< file`) is read in
// 1 MiB chunks instead of process.stdin's 64 KiB (a sixteenth of the reads and events per byte),
// into buffers used again once their bytes are gone (FileStdin).
import fs from 'node:fs';
import {FileStdin} from './file-stdin.js';

export function openStdin(): NodeJS.ReadStream {
	const stream = openStdinStream();
	// Until StdinInput reads it, an error (a reset socket on stdin) must not crash: StdinInput sees
	// it in `errored` when it starts.
	stream.on('error', () => {});
	return stream;
}

function openStdinStream(): NodeJS.ReadStream {
	let isFile = false;
	try {
		isFile = fs.fstatSync(0).isFile();
	} catch {
		// No usable fd 0: process.stdin copes with that on its own.
	}
	if (!isFile) return process.stdin;
	// Never a TTY, so StdinInput only pauses, resumes and reads it, as it would process.stdin.
	return new FileStdin(0) as unknown as NodeJS.ReadStream;
}
