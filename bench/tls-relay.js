// 11. TLS relay: a TLS source -> relay (TLS in, plain out) -> plain sink on 127.0.0.2. Ours is the
// readme's terminator (`-L tls:... -f channels tcp:...`), against socat OPENSSL-LISTEN and
// `ncat --ssl -l --sh-exec 'ncat ...'`. Reports MB/s and the CPU seconds of the relay's whole
// process tree (ncat's --sh-exec child included), measured in the same run.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {waitListening, start} from './processes.js';
import {comparisonRow, exact, measureAll, ourPort, rate, startLoad, startOurs, stopAll} from './scenarios.js';

const transferTimeoutMs = 600_000;
const ticksPerSecond = 100;

/** utime+stime of a process and every live descendant, plus what reaped children left, in seconds. */
function treeCpuSeconds(rootPid) {
	const stats = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15) cutime(16) cstime(17).
			const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
			stats.set(Number(entry), {
				ppid: Number(fields[1]),
				own: Number(fields[11]) + Number(fields[12]),
				children: Number(fields[13]) + Number(fields[14]),
			});
		} catch {}
	}
	let ticks = 0;
	const visit = (pid, isRoot) => {
		const stat = stats.get(pid);
		if (!stat) return;
		ticks += stat.own + (isRoot ? stat.children : 0);
		for (const [child, childStat] of stats) if (childStat.ppid === pid) visit(child, false);
	};
	visit(rootPid, true);
	return ticks / ticksPerSecond;
}

function makeCertificate(directory) {
	const cert = path.join(directory, 'bench-cert.pem');
	const key = path.join(directory, 'bench-key.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:P-256',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'2',
			'-subj',
			'/CN=localhost',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
		],
		{stdio: 'ignore'},
	);
	return {cert, key};
}

export async function tlsRelay(ctx) {
	const bytes = ctx.sizes.stream;
	const {cert, key} = makeCertificate(path.dirname(ctx.patternFile));
	const cpu = new Map();
	const once = label => async startRelay => {
		const sink = startLoad('sink', {listen: '127.0.0.2', bytes});
		let relayProcess;
		let source;
		try {
			const {port: sinkPort} = await sink.waitEvent('listening');
			const {handle, port} = await startRelay(sinkPort, sink);
			relayProcess = handle;
			source = startLoad('source', {connect: {host: '127.0.0.1', port, tls: true}, bytes});
			const done = await sink.waitEvent('done', transferTimeoutMs);
			const seconds = treeCpuSeconds(handle.pid);
			const failure = exact(done, bytes);
			if (!failure) cpu.get(label)?.push(seconds) ?? cpu.set(label, [seconds]);
			return failure ?? {value: bytes / done.seconds};
		} finally {
			await stopAll(source, relayProcess, sink);
		}
	};
	const socat =
		(...extra) =>
		async sinkPort => {
			const handle = start(ctx.peers.socat.path, [
				...extra,
				`OPENSSL-LISTEN:0,bind=127.0.0.1,cert=${cert},key=${key},verify=0`,
				`TCP:127.0.0.2:${sinkPort}`,
			]);
			return {handle, port: await waitListening(handle)};
		};
	const ncat = async sinkPort => {
		const handle = start(ctx.peers.ncat.path, [
			'--ssl',
			'--ssl-cert',
			cert,
			'--ssl-key',
			key,
			'-l',
			'127.0.0.1',
			'0',
			'--sh-exec',
			`exec ${ctx.peers.ncat.path} 127.0.0.2 ${sinkPort}`,
		]);
		return {handle, port: await waitListening(handle)};
	};
	const oursRelay = async (sinkPort, sink) => {
		const handle = startOurs(ctx, [
			'-L',
			'tls:127.0.0.1:0',
			'--tls-cert',
			cert,
			'--tls-key',
			key,
			'--fm',
			'channels',
			'-i',
			'none',
			'-o',
			'none',
			`tcp:127.0.0.2:${sinkPort}`,
		]);
		const port = await ourPort(handle);
		// The sink must be paired before the source's first byte arrives.
		await sink.waitEvent('accepted');
		return {handle, port};
	};
	const contenders = [
		{label: 'netcrab-tui', startRelay: oursRelay},
		{label: 'socat OPENSSL-LISTEN', peer: 'socat', startRelay: socat()},
		{label: 'socat -b 131072 OPENSSL-LISTEN', peer: 'socat', startRelay: socat('-b131072')},
		{label: 'ncat --ssl --sh-exec', peer: 'ncat', startRelay: ncat},
	]
		.filter(contender => !contender.peer || ctx.peers[contender.peer])
		.map(contender => ({...contender, format: rate, run: () => once(contender.label)(contender.startRelay)}));
	const name = `11 TLS relay (TLS in, plain out), ${ctx.sizes.streamText}`;
	const results = await measureAll(ctx, name, contenders, contender => contender.run());
	const oursResult = results.get(contenders[0]);
	const cpuResult = label => {
		const runs = cpu.get(label) ?? [];
		const sorted = [...runs].sort((a, b) => a - b);
		return {value: sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined, runs, failures: []};
	};
	const cpuFormat = value => `${value.toFixed(2)} s CPU`;
	const rows = [];
	for (const peer of contenders.slice(1)) {
		rows.push(
			comparisonRow(
				{name, metric: 'throughput', format: rate},
				oursResult,
				{label: peer.label, result: results.get(peer)},
				{minRatio: peer.label === 'socat OPENSSL-LISTEN' ? 1 : undefined},
			),
		);
	}
	for (const peer of contenders.slice(1)) {
		const row = comparisonRow({name, metric: 'CPU seconds (relay tree)', format: cpuFormat}, cpuResult('netcrab-tui'), {
			label: peer.label,
			result: cpuResult(peer.label),
		});
		rows.push(row);
	}
	return rows;
}
