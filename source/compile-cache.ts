// Node 22.1+ can keep the code it compiled on disk between runs (module.enableCompileCache), which
// spares later starts most of the bundle's compile. Node's default directory, os.tmpdir()/
// node-compile-cache, is shared by every user of the machine: another user could create it first
// and plant compiled code that we would then run. So the cache lives in this user's own cache
// directory, and is used only while that directory is ours and writable by no one else.
import {lstatSync, mkdirSync} from 'node:fs';
import module from 'node:module';
import {homedir} from 'node:os';
import path from 'node:path';

type Enable = (directory?: string) => unknown;

/** Turns the cache on when this Node has it (not Node 20) and a private directory can be had. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
	const enable = (module as {enableCompileCache?: Enable}).enableCompileCache;
	// With NODE_COMPILE_CACHE set, Node already uses the directory the user chose.
	if (!enable || env['NODE_COMPILE_CACHE']) return;
	const directory = privateCacheDirectory(env);
	if (directory) enable(directory);
}

/**
 * `netcrab-tui/compile-cache` in the user's cache directory (XDG_CACHE_HOME or ~/.cache, macOS's
 * ~/Library/Caches, Windows's LOCALAPPDATA), made if missing; undefined when it cannot be made or
 * is not private (see ownedPrivately).
 */
export function privateCacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
	let base: string | undefined;
	try {
		base = userCacheBase(env, platform);
	} catch {
		// No home directory (a service account): no cache.
		return undefined;
	}
	if (!base) return undefined;
	const own = path.join(base, 'netcrab-tui');
	const directory = path.join(own, 'compile-cache');
	try {
		mkdirSync(directory, {recursive: true, mode: 0o700});
	} catch {
		return undefined;
	}
	return ownedPrivately(own) && ownedPrivately(directory) ? directory : undefined;
}

function userCacheBase(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
	if (platform === 'win32') return env['LOCALAPPDATA'];
	if (platform === 'darwin') return path.join(homedir(), 'Library', 'Caches');
	// The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
	const xdg = env['XDG_CACHE_HOME'];
	return xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache');
}

/**
 * A real directory (not a symbolic link), owned by this user, that no group or other user may
 * write to. `sudo -E` keeps the invoking user's HOME: root then finds a directory owned by that
 * user and leaves it alone. Windows has no such modes; LOCALAPPDATA is the user's own there.
 */
function ownedPrivately(directory: string): boolean {
	const uid = process.getuid?.();
	try {
		const stats = lstatSync(directory);
		if (!stats.isDirectory()) return false;
		return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
	} catch {
		return false;
	}
}
