// The compile cache lives in the user's own cache directory, never in the shared temporary
// directory Node would pick (another user could plant compiled code there), and only while that
// directory is private.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync} from 'node:fs';
import module from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test, type TestContext} from 'node:test';
import {privateCacheDirectory} from '../source/compile-cache.js';
import {cliPath} from './helpers/cli.js';

function scratch(t: TestContext): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'netcrab-cache-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	return directory;
}

const posix = process.platform !== 'win32';

test('the cache directory is made under XDG_CACHE_HOME, readable by this user only', t => {
	const base = scratch(t);
	const directory = privateCacheDirectory({XDG_CACHE_HOME: base}, 'linux');
	assert.equal(directory, path.join(base, 'netcrab-tui', 'compile-cache'));
	if (posix) {
		assert.equal(statSync(directory).mode & 0o777, 0o700);
		assert.equal(statSync(path.dirname(directory)).mode & 0o777, 0o700);
	}
	// Made once, found again.
	assert.equal(privateCacheDirectory({XDG_CACHE_HOME: base}, 'linux'), directory);
});

test('a directory others may write to, or a symbolic link, is not used', {skip: !posix && 'POSIX modes'}, t => {
	const base = scratch(t);
	mkdirSync(path.join(base, 'netcrab-tui', 'compile-cache'), {recursive: true, mode: 0o700});
	chmodSync(path.join(base, 'netcrab-tui', 'compile-cache'), 0o777);
	assert.equal(privateCacheDirectory({XDG_CACHE_HOME: base}, 'linux'), undefined);
	chmodSync(path.join(base, 'netcrab-tui', 'compile-cache'), 0o700);
	chmodSync(path.join(base, 'netcrab-tui'), 0o770);
	assert.equal(privateCacheDirectory({XDG_CACHE_HOME: base}, 'linux'), undefined);

	const linked = scratch(t);
	mkdirSync(path.join(linked, 'elsewhere', 'compile-cache'), {recursive: true, mode: 0o700});
	chmodSync(path.join(linked, 'elsewhere'), 0o700);
	symlinkSync(path.join(linked, 'elsewhere'), path.join(linked, 'netcrab-tui'));
	assert.equal(privateCacheDirectory({XDG_CACHE_HOME: linked}, 'linux'), undefined);
});

test('a relative XDG_CACHE_HOME is ignored (XDG spec); Windows without LOCALAPPDATA has no cache', t => {
	const home = scratch(t);
	const savedHome = process.env['HOME'];
	process.env['HOME'] = home;
	t.after(() => (savedHome === undefined ? delete process.env['HOME'] : (process.env['HOME'] = savedHome)));
	assert.equal(
		privateCacheDirectory({XDG_CACHE_HOME: 'relative/cache'}, 'linux'),
		path.join(home, '.cache', 'netcrab-tui', 'compile-cache'),
	);
	assert.ok(!existsSync('relative'));
	assert.equal(privateCacheDirectory({}, 'win32'), undefined);
});

test('the command keeps its compile cache in the private directory, not in the temporary one', t => {
	const cacheHome = scratch(t);
	const temporary = scratch(t);
	const env: NodeJS.ProcessEnv = {...process.env, XDG_CACHE_HOME: cacheHome, TMPDIR: temporary, TMP: temporary, TEMP: temporary};
	delete env['NODE_COMPILE_CACHE'];
	delete env['NODE_DISABLE_COMPILE_CACHE'];
	execFileSync(process.execPath, [cliPath, '--help'], {env, stdio: 'ignore'});
	assert.deepEqual(readdirSync(temporary), [], 'nothing in the temporary directory');
	const hasCache = typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function';
	const directory = path.join(cacheHome, 'netcrab-tui', 'compile-cache');
	if (hasCache) {
		// One folder per Node version, holding the compiled chunks.
		const entries = readdirSync(directory, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile());
		assert.ok(entries.length >= 2, `compiled chunks in ${directory}`);
	} else {
		// Node 20: no cache, so no directory made for it.
		assert.ok(!existsSync(path.join(cacheHome, 'netcrab-tui')));
	}
	// --version is answered before the cache is set up.
	const versionOnly = scratch(t);
	execFileSync(process.execPath, [cliPath, '--version'], {env: {...env, XDG_CACHE_HOME: versionOnly}, stdio: 'ignore'});
	assert.deepEqual(readdirSync(versionOnly), []);
});
