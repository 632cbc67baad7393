// tshark as the reader of our capture files: follow a TCP stream, list fields. Tests that need it
// skip with a note where it is not installed (.ci/run installs it).
import {execFile, spawnSync} from 'node:child_process';
import {promisify} from 'node:util';

const run = promisify(execFile);

export const tsharkMissing: string | false =
	spawnSync('tshark', ['-v']).status === 0 ? false : 'tshark is not installed (apt-get install tshark)';

export interface FollowedStream {
	/** `127.0.0.1:40000`: node 0 is the side that sent the SYN. */
	node0: string;
	node1: string;
	/** What each node sent, reassembled by tshark. */
	data0: Buffer;
	data1: Buffer;
}

/** `tshark -q -z follow,tcp,raw,N`: each side's bytes as tshark reassembles them. */
export async function followTcp(file: string, stream: number): Promise<FollowedStream> {
	const {stdout} = await run('tshark', ['-r', file, '-q', '-z', `follow,tcp,raw,${stream}`], {maxBuffer: 256 << 20});
	const node = (index: number) => new RegExp(`^Node ${index}: (.+)$`, 'm').exec(stdout)?.[1]?.trim() ?? '';
	const body = stdout.split(/^Node 1: .*$/m)[1]?.split(/^=+$/m)[0] ?? '';
	const sent: [string[], string[]] = [[], []];
	for (const line of body.split('\n')) {
		if (line.trim() === '') continue;
		// Node 1's data is indented with a tab.
		if (line.startsWith('\t')) sent[1].push(line.trim());
		else sent[0].push(line.trim());
	}
	return {node0: node(0), node1: node(1), data0: Buffer.from(sent[0].join(''), 'hex'), data1: Buffer.from(sent[1].join(''), 'hex')};
}

/** `tshark -T fields`: one array of field values per packet. */
export async function packetFields(file: string, fields: string[], filter?: string, preferences: string[] = []): Promise<string[][]> {
	const args = [
		'-r',
		file,
		...preferences.flatMap(preference => ['-o', preference]),
		'-T',
		'fields',
		'-E',
		'separator=/t',
		...fields.flatMap(field => ['-e', field]),
		...(filter ? ['-Y', filter] : []),
	];
	const {stdout} = await run('tshark', args, {maxBuffer: 256 << 20});
	return stdout
		.split('\n')
		.filter(line => line !== '')
		.map(line => line.split('\t'));
}

/** capinfos' text: file type, capture application, interfaces. */
export async function captureInfo(file: string): Promise<string> {
	const {stdout} = await run('capinfos', [file]);
	return stdout;
}
