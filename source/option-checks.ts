// Checks across flags that parseOptions runs once the single values are read: captures, --proxy
// and --allow/--deny, and the per-peer modes (--fork, --exec-each).
import type {Options, RawFlags} from './options.js';
import {flagName, parseSize} from './option-values.js';
import {UsageError} from './usage-error.js';

export function parseCaptureFlags(flags: RawFlags): Pick<Options, 'capture' | 'hexDump' | 'captureMax'> {
	const result: Pick<Options, 'capture' | 'hexDump' | 'captureMax'> = {};
	for (const [name, key] of [
		['capture', 'capture'],
		['hexDump', 'hexDump'],
	] as const) {
		if (flags[name] === undefined) continue;
		const path = String(flags[name]);
		if (path.trim() === '') throw new UsageError(`${flagName(name)} needs a file name`);
		result[key] = path;
	}
	if (result.capture !== undefined && result.capture === result.hexDump)
		throw new UsageError('--capture and --hex-dump need different files');
	if (flags['captureMax'] !== undefined) {
		const text = String(flags['captureMax']);
		const bytes = parseSize(text);
		if (bytes === undefined)
			throw new UsageError(`bad value "${text}" for --capture-max: expected a size such as 1000, 64k, 10M or 1G`);
		result.captureMax = {bytes, text};
	}
	return result;
}

/** What --proxy and --allow/--deny can apply to. */
export function checkReach(options: Options): void {
	if (options.proxy) {
		if (options.udp) throw new UsageError('--proxy carries TCP connections; it cannot be used with -u');
		const hostTargets = options.targets.filter(target => target.kind === 'host');
		if (hostTargets.length === 0) throw new UsageError('--proxy needs a HOST:PORT target to reach through it');
		if (hostTargets.some(target => target.source))
			throw new UsageError('SRC= cannot be used with --proxy: the proxy picks the source address');
	}
	if (options.access) {
		const ipListeners = options.listen.filter(spec => spec.kind !== 'unix');
		if (ipListeners.length === 0) {
			throw new UsageError(
				options.listen.length === 0
					? '--allow/--deny filter who reaches a listener: give -l/-L ADDRESS'
					: "--allow/--deny filter by address, and unix: clients have none (use the socket file's permissions)",
			);
		}
	}
}

/** --fork, --exec-each and --exec-stderr. */
export function validatePerPeer(flags: RawFlags, options: Options): void {
	if (flags['execEach'] !== undefined) {
		const command = String(flags['execEach']);
		if (command.trim() === '') throw new UsageError('--exec-each needs a command');
		options.execEach = command;
	}
	if (options.execStderr && options.execEach === undefined) throw new UsageError('--exec-stderr goes with --exec-each');
	if (options.execEach !== undefined) {
		if (options.exec !== undefined) throw new UsageError('-e runs one command for the run, --exec-each one per peer: use one of them');
		if (options.fork)
			throw new UsageError('--fork and --exec-each cannot be combined: a client is paired with either an upstream or a command');
	}
	if (!options.fork) return;
	if (options.listen.length === 0) throw new UsageError('--fork dials the target for each accepted client: add -l/-L ADDRESS');
	// A channel pairs two routes: one client, one upstream.
	if (options.targets.length !== 1 || options.targets[0]!.count !== 1) {
		throw new UsageError('--fork gives each client one upstream connection: give exactly one target HOST:PORT (no xN)');
	}
	if (options.udp) throw new UsageError('--fork works with stream connections (TCP), not with -u');
	if (options.reconnectOnClose || options.reconnectOnError)
		throw new UsageError('-r/-R cannot be used with --fork: each upstream lives as long as its client');
}
