#!/usr/bin/env node
// The command as installed (bundled to dist/bundle/cli.js): answers --version before the rest of
// the program is even read, then hands over to cli.tsx. Start-up time is the whole job here.
import module from 'node:module';
import {helpRequest} from './help-request.js';
import {packageInfo} from './package-info.js';

// Node 22.1+ keeps compiled code on disk between runs (as tsc does): the UI's chunk then loads
// without being compiled again. Older Node has no such call and compiles every time.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

if (helpRequest(process.argv.slice(2)) === 'version') process.stdout.write(`${packageInfo().version}\n`);
else await import('./cli.js');
