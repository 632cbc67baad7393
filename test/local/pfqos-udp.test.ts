import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {test} from 'node:test';
import {startCli} from '../helpers/cli.js';

/** A PlayFab QoS beacon server in python: answers 0xFFFF+payload with 0x0000+payload. */
const pythonServer = `
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
while True:
    data, peer = s.recvfrom(65535)
    if data[:2] == b'\\xff\\xff':
        s.sendto(b'\\x00\\x00' + data[2:], peer)
`;

/** A python client: a malformed datagram, then a request; prints the first reply in hex. */
const pythonClient = `
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
server = ('127.0.0.1', int(sys.argv[1]))
s.sendto(b'not a beacon', server)
s.sendto(b'\\xff\\xffpython-payload', server)
print(s.recvfrom(65535)[0].hex(), flush=True)
`;

function python(code: string, args: string[] = []): {child: ChildProcessWithoutNullStreams; firstLine: Promise<string>} {
	const child = spawn('python3', ['-c', code, ...args]);
	const firstLine = new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			text += chunk;
			if (text.includes('\n')) resolve(text.split('\n')[0]!);
		});
		child.on('close', code => reject(new Error(`python exited with ${code}`)));
	});
	return {child, firstLine};
}

const roundTrip = /pfqos: 127\.0\.0\.1:\d+ round trip ([\d.]+) ms/;

function assertRoundTrip(match: RegExpMatchArray): void {
	const milliseconds = Number(match[1]);
	assert.ok(milliseconds > 0 && milliseconds < 1000, `round trip ${milliseconds} ms`);
}

test('pfqos client against the pfqos server measures a round trip', async () => {
	const server = startCli(['--no-tui', '-u', '-L', '127.0.0.1:0', '-i', 'pfqossrv']);
	const port = await server.listeningPort();
	const client = startCli(['--no-tui', '-u', '-i', 'pfqoscli', '--stats-time', '100', `127.0.0.1:${port}`]);
	try {
		assertRoundTrip(await client.waitForStderr(roundTrip));
		// Beacons are reported, not written out as data.
		assert.equal(client.stdout().length, 0);
		assert.equal(server.stdout().length, 0);
	} finally {
		client.kill();
		server.kill();
	}
});

test('pfqos client against a python beacon server', async () => {
	const peer = python(pythonServer);
	try {
		const port = await peer.firstLine;
		const client = startCli(['--no-tui', '-u', '-i', 'pfqoscli', '--stats-time', '100', `127.0.0.1:${port}`]);
		try {
			assertRoundTrip(await client.waitForStderr(roundTrip));
		} finally {
			client.kill();
		}
	} finally {
		peer.child.kill();
	}
});

test('pfqos server answers a python client and ignores a malformed datagram (verbose note)', async () => {
	const server = startCli(['--no-tui', '-u', '-L', '127.0.0.1:0', '-i', 'pfqossrv', '-v']);
	try {
		const port = await server.listeningPort();
		const peer = python(pythonClient, [String(port)]);
		assert.equal(await peer.firstLine, Buffer.concat([Buffer.from([0, 0]), Buffer.from('python-payload')]).toString('hex'));
		await server.waitForStderr(/pfqos: ignored a malformed datagram of 12 bytes from 127\.0\.0\.1:\d+/);
	} finally {
		server.kill();
	}
});
