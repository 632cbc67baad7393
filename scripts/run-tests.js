#!/usr/bin/env node
// Runs node's test runner on every compiled test file, dist/test/**/*.test.js, listed explicitly:
// Node 20 takes no glob patterns and Node 22+ reads a directory argument as one, so neither form
// works on every supported Node. Helpers (dist/test/helpers/) are not test files.
// `node scripts/run-tests.js net ui/pty` runs only the files whose path contains one of the words;
// `--list` prints the files instead of running them.
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../dist/test/', import.meta.url));
const list = process.argv.includes('--list');
const filters = process.argv.slice(2).filter(argument => argument !== '--list');
const files = readdirSync(root, {recursive: true, encoding: 'utf8'})
	.map(file => file.split(path.sep).join('/'))
	.filter(file => file.endsWith('.test.js') && !file.startsWith('helpers/'))
	.filter(file => filters.length === 0 || filters.some(filter => file.includes(filter)))
	.sort()
	.map(file => path.join(root, file));
if (files.length === 0) {
	process.stderr.write(
		`run-tests: no test file in ${root}${filters.length > 0 ? ` matches ${filters.join(', ')}` : ''} (run \`npm run build\` first)\n`,
	);
	process.exit(1);
}
if (list) {
	process.stdout.write(`${files.join('\n')}\n`);
	process.exit(0);
}
// The peers the tests talk to (.ci/run installs them all). One missing makes its tests fail, so say
// which up front. The timeout turns anything that would wait forever into a failure; it is long
// because a whole test file counts against it too (seen on Node 20 on a loaded machine).
const peers = ['socat', 'ncat', 'nc', 'python3', 'openssl', 'microsocks', 'tinyproxy', 'tshark'];
const onPath = tool =>
	(process.env.PATH ?? '').split(path.delimiter).some(directory => directory !== '' && existsSync(path.join(directory, tool)));
const missing = peers.filter(tool => !onPath(tool));
if (missing.length > 0)
	process.stderr.write(`run-tests: not installed: ${missing.join(', ')}; the tests that use them will fail (.ci/run installs them)\n`);
const {status, signal} = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=600000', ...files], {
	stdio: 'inherit',
});
process.exit(status ?? (signal ? 1 : 0));
