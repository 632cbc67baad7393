// The bench's output: a table on stdout, and docs/benchmarks.md + docs/benchmarks.json with the
// machine and the date.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';

const columns = ['Scenario', 'Metric', 'netcrab-tui', 'Peer', 'Peer figure', 'Ratio', 'Target', 'Met'];

function cells(row) {
	return [
		row.scenario,
		row.metric,
		row.oursText,
		row.peer ?? '—',
		row.peerText ?? '—',
		row.ratio === null || row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}x`,
		row.target ?? '—',
		row.met === null || row.met === undefined ? '—' : row.met ? 'yes' : 'NO',
	];
}

export function machine() {
	const cpus = os.cpus();
	return {
		cpu: `${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`,
		memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		kernel: `${os.type()} ${os.release()}`,
		node: process.version,
		load: os
			.loadavg()
			.map(value => value.toFixed(2))
			.join(' '),
	};
}

/** A fixed-width table for the terminal. */
export function textTable(rows) {
	const table = [columns, ...rows.map(cells)];
	const widths = columns.map((_, index) => Math.max(...table.map(line => line[index].length)));
	const line = values =>
		values
			.map((value, index) => value.padEnd(widths[index]))
			.join('  ')
			.trimEnd();
	return [line(columns), line(widths.map(width => '-'.repeat(width))), ...rows.map(row => line(cells(row)))].join('\n');
}

function markdownTable(rows) {
	const escape = text => text.replace(/\|/g, '\\|');
	return [
		`| ${columns.join(' | ')} |`,
		`| ${columns.map(() => '---').join(' | ')} |`,
		...rows.map(row => `| ${cells(row).map(escape).join(' | ')} |`),
	].join('\n');
}

/** The profile notes are written by hand below this heading; a new run keeps them. */
const handWrittenHeading = '\n## Where the CPU goes';

function handWritten(file) {
	const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const at = text.indexOf(handWrittenHeading);
	return at < 0 ? '' : text.slice(at);
}

/** Writes docs/benchmarks.json (every figure) and docs/benchmarks.md (the table and context). */
export function writeDocs(directory, result) {
	mkdirSync(directory, {recursive: true});
	writeFileSync(`${directory}/benchmarks.json`, `${JSON.stringify(result, null, '\t')}\n`);
	const notes = [
		...result.notes,
		...result.rows.filter(row => row.note).map(row => `${row.scenario}, ${row.peer ?? 'ours'}: ${row.note}`),
	];
	const markdown = `# Benchmarks

Written by \`npm run bench\` (bench/run.js); do not edit by hand. Every figure is the median of
${result.repeats} runs, and each peer is measured in the same run as netcrab-tui, interleaved, so a
ratio compares like with like. Throughput is in MB/s (10^6 bytes per second).

- Date: ${result.date}
- Machine: ${result.machine.cpu}, ${result.machine.memory}, ${result.machine.kernel}, Node ${result.machine.node}
- Load average at start: ${result.machine.load}
${
	result.only
		? `- Scenarios run: ${result.only} only (BENCH_ONLY); the others are not in this table
`
		: ''
}- Sizes: ${result.sizesText}${result.quick ? ' (BENCH_QUICK=1: reduced sizes, figures indicative only)' : ''}
- Peers: ${Object.entries(result.peers)
		.map(([name, peer]) => `${name} (${peer ? peer.version : 'not available'})`)
		.join('; ')}
- Load helper ceilings (source straight to sink, no tool between): ${Object.entries(result.ceilings)
		.map(([label, value]) => `${label}: ${value}`)
		.join('; ')}

${markdownTable(result.rows)}
${notes.length > 0 ? `\nNotes:\n\n${notes.map(note => `- ${note}`).join('\n')}\n` : ''}
Scenarios 1-4 run with two load helpers. The bulk helper (bench/load.js, node) writes and reads
1 MiB at a time and shows the ceiling of what sits between; the ordinary helper
(bench/ordinary-load.c, compiled at bench time with cc) writes 64 KiB per write() and reads
256 KiB per read(), as everyday programs do, so CPU per byte decides the throughput. In those rows
each cell reads "rate, CPU s/GiB, peak RSS": user+sys CPU seconds per GiB moved and the peak RSS
of the tool in the middle (ours or the peer), from the kernel's rusage of that process (the C
helper's \`measure\` mode runs it as a child and waits for it). The hub's CPU is per GiB delivered.
Scenario 6 raises the open-file limit of the hub and the idle clients with
\`sh -c 'ulimit -n 16384; exec ...'\` (or to the hard limit if that is lower).

Scenarios are those of issue 6 (sizes from issue 17): 1 relay with \`--fm channels\` (sink on 127.0.0.2 so the two
routes pair); 2 receive with \`-o none\` and with stdout to /dev/null; 3 send a file on stdin with
default flags; 4 hub fan-out against \`ncat --broker\`; 5 a relay whose sink reads 2 MB/s; 6 a burst
of idle connections to a hub; 7 the UI in a pseudo-terminal under a flood; 8 plain-mode start-up;
11 a TLS terminator (TLS in, plain out; issue 12) against socat OPENSSL-LISTEN and \`ncat --ssl --sh-exec\`,
with the CPU seconds of each relay's process tree.
`;
	writeFileSync(`${directory}/benchmarks.md`, markdown + handWritten(`${directory}/benchmarks.md`));
}
