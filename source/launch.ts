#!/usr/bin/env node
// The command as installed (bundled to dist/bundle/cli.cjs, CommonJS): answers --version before the
// rest of the program is even read, then hands over to cli.tsx (dist/bundle/main.js). Start-up time
// is the whole job here. No top-level await: the bundle of this file is CommonJS.
import {writeSync} from 'node:fs';
import {enableCompileCache} from './compile-cache.js';
import {helpRequest} from './help-request.js';
import {packageInfo} from './package-info.js';

if (helpRequest(process.argv.slice(2)) === 'version') {
	// writeSync on fd 1: process.stdout would set up a stream (and load net for a pipe) for one line.
	try {
		writeSync(1, `${packageInfo().version}\n`);
	} catch {
		// stdout already closed (`| head -c0`): nothing to say it to.
	}
} else {
	// Node 22.1+ keeps compiled code on disk between runs, in a directory private to the user: the
	// chunks then load without being compiled again. Not worth its set-up for --version.
	enableCompileCache();
	import('./cli.js').catch((error: unknown) => {
		process.stderr.write(`netcrab-tui: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}
