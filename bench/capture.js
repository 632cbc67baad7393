// 9. capture: the relay of scenario 1, with and without --capture to a pcapng file on the disk
// (os.tmpdir(), not /dev/shm), interleaved. Reports MB/s both ways and the file's size.
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {start} from './processes.js';
import {median, ourCommand} from './scenarios.js';

const loadPath = fileURLToPath(new URL('load.js', import.meta.url));
const mb = 1e6;
const MiB = 2 ** 20;

function startLoad(role, config) {
	return start(process.execPath, [loadPath, role, JSON.stringify(config)]);
}

/** One relay run; resolves {value: bytes per second, fileBytes} or {failure}. */
async function relayOnce(ctx, bytes, captureFile) {
	const sink = startLoad('sink', {listen: '127.0.0.2', bytes});
	let relay;
	let source;
	try {
		const {port: sinkPort} = await sink.waitEvent('listening');
		const capture = captureFile ? ['--capture', captureFile] : [];
		relay = start(
			process.execPath,
			ourCommand(ctx, ['-L', '127.0.0.1:0', '--fm', 'channels', '-i', 'none', '-o', 'none', ...capture, `127.0.0.2:${sinkPort}`]),
		);
		await relay.waitStderr(/Listening on /g);
		const port = Number(relay.stderr().match(/Listening on \S+:(\d+)/)[1]);
		await sink.waitEvent('accepted');
		source = startLoad('source', {connect: {host: '127.0.0.1', port}, bytes});
		const done = await sink.waitEvent('done', 300_000);
		const connection = done.connections?.[0];
		if (!connection || connection.bytes !== bytes || !connection.ok) return {failure: 'not byte-exact'};
		await Promise.all([source.kill(), relay.kill()]);
		return {value: bytes / done.seconds, fileBytes: captureFile ? statSync(captureFile).size : undefined};
	} finally {
		await Promise.all([source, relay, sink].filter(Boolean).map(handle => handle.kill()));
	}
}

export async function captureRelay(ctx) {
	// The capture holds every byte twice (received from the source, written to the sink).
	const bytes = Math.min(ctx.sizes.stream, 512 * MiB);
	const directory = mkdtempSync(path.join(process.env.BENCH_CAPTURE_DIR ?? os.tmpdir(), 'netcrab-bench-capture-'));
	const runs = {plain: [], capture: [], sizes: [], failures: []};
	try {
		for (let round = 1; round <= ctx.repeats; round++) {
			for (const withCapture of [false, true]) {
				const file = withCapture ? path.join(directory, `relay-${round}.pcapng`) : undefined;
				const result = await relayOnce(ctx, bytes, file).catch(error => ({failure: error.message.split('\n')[0]}));
				const label = withCapture ? 'with --capture' : 'without';
				if (result.failure) runs.failures.push(`${label}: ${result.failure}`);
				else {
					(withCapture ? runs.capture : runs.plain).push(result.value);
					if (result.fileBytes !== undefined) runs.sizes.push(result.fileBytes);
				}
				ctx.log(
					`9 capture ${label} #${round}: ${result.failure ? `FAILED ${result.failure}` : `${(result.value / mb).toFixed(0)} MB/s${result.fileBytes ? `, file ${(result.fileBytes / MiB).toFixed(0)} MiB` : ''}`}`,
				);
				if (file) rmSync(file, {force: true});
			}
		}
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
	const ours = median(runs.capture);
	const plain = median(runs.plain);
	const size = median(runs.sizes);
	return [
		{
			scenario: `9 relay --fm channels --capture FILE, ${bytes / MiB} MiB`,
			metric: 'throughput',
			ours,
			oursText:
				ours === undefined
					? 'failed'
					: `${(ours / mb).toFixed(0)} MB/s, file ${size === undefined ? '?' : (size / MiB).toFixed(0)} MiB`,
			peer: 'netcrab-tui without --capture',
			peerText: plain === undefined ? 'failed' : `${(plain / mb).toFixed(0)} MB/s`,
			ratio: ours !== undefined && plain ? ours / plain : null,
			target: null,
			met: null,
			...(runs.failures.length > 0 ? {note: runs.failures.join('; ')} : {}),
		},
	];
}
