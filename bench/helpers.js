// The bench's two load helpers and its CPU/RSS meter.
//   bulk:     bench/load.js (node), 1 MiB writes and reads: shows the ceiling of what is measured.
//   ordinary: bench/ordinary-load.c, compiled here with the machine's cc: 64 KiB per write(),
//             256 KiB per read(), like the programs users pair us with; CPU per byte decides.
// The meter is the C helper's `measure` mode: it runs the measured command as its child and writes
// the kernel's rusage for it (user+sys CPU seconds, peak RSS) when it ends.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {start} from './processes.js';

const loadPath = fileURLToPath(new URL('load.js', import.meta.url));
const cSource = fileURLToPath(new URL('ordinary-load.c', import.meta.url));

/** Compiles the C helper into `work`; returns {binary} or {note} saying why it is not there. */
export function compileOrdinaryHelper(work) {
	const binary = path.join(work, 'ordinary-load');
	const cc = process.env.CC ?? 'cc';
	const result = spawnSync(cc, ['-O2', '-o', binary, cSource], {encoding: 'utf8', timeout: 60_000});
	if (result.error || result.status !== 0 || !existsSync(binary)) {
		return {
			note: `ordinary load helper and CPU/RSS figures skipped: ${cc} failed: ${(result.error?.message ?? result.stderr ?? '').trim().split('\n')[0]}`,
		};
	}
	return {binary};
}

/**
 * A load helper: start(role, config) with load.js's config objects ({listen, connect: {host, port,
 * count}, bytes, count, spacingMs, verify}). The C helper has source and sink; anything else
 * (idle peers, slow reads, timed pushes) is always the node helper.
 */
export function loadHelper(kind, ctx) {
	const node = (role, config) => start(process.execPath, [loadPath, role, JSON.stringify(config)]);
	if (kind === 'bulk') return {kind, label: 'bulk helper', start: node};
	return {
		kind,
		label: 'ordinary helper',
		start(role, config) {
			const simple =
				(role === 'source' || role === 'sink') &&
				config.seconds === undefined &&
				config.rate === undefined &&
				config.echoReceived === undefined;
			if (!simple) return node(role, config);
			const args = [role, `pattern=${ctx.patternFile}`, `bytes=${config.bytes}`];
			if (config.listen) args.push(`listen=${config.listen}`);
			if (config.connect) args.push(`connect=${config.connect.host}:${config.connect.port}`);
			const count = config.count ?? config.connect?.count;
			if (count) args.push(`count=${count}`);
			if (config.spacingMs) args.push(`spacing=${config.spacingMs}`);
			if (config.verify !== undefined)
				args.push(`verify=${config.verify === false ? 'none' : config.verify === 'first' ? 'first' : 'all'}`);
			return start(ctx.ordinaryBinary, args);
		},
	};
}

let reports = 0;

/**
 * Starts command under the meter (or plainly, without the C helper). usage() resolves, once the
 * process has ended, {cpuSeconds, peakRss} (bytes), or undefined when not metered.
 */
export function startMetered(ctx, command, args, stdio) {
	if (!ctx.ordinaryBinary) return {handle: start(command, args, stdio), usage: async () => undefined};
	const report = path.join(ctx.work, `usage-${process.pid}-${++reports}.json`);
	const handle = start(ctx.ordinaryBinary, ['measure', report, command, ...args], stdio);
	const usage = async () => {
		await handle.exit;
		try {
			const figures = JSON.parse(readFileSync(report, 'utf8'));
			return {cpuSeconds: figures.user + figures.sys, peakRss: figures.maxRssKiB * 1024};
		} catch {
			return undefined;
		} finally {
			rmSync(report, {force: true});
		}
	};
	return {handle, usage};
}
