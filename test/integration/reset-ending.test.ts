// Issue 18 item 9: a connection reset by the peer is said in one line, and exits 1 when it ended
// the run (ncat: "Connection reset by peer", exit 1; before: exit 0 and nothing said). The status
// line names the peer even when it reset at once (before: "Connected from ... to ?:0").
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer} from '../helpers/peers.js';

/** A python server that resets every connection as soon as it accepts it (SO_LINGER 0). */
async function resettingServer(t: test.TestContext): Promise<number> {
	const script = `
import socket, struct
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(8)
print(server.getsockname()[1], flush=True)
while True:
    connection, _ = server.accept()
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    connection.close()
`;
	const child = spawn('python3', ['-c', script], {stdio: ['ignore', 'pipe', 'inherit']});
	t.after(() => child.kill('SIGKILL'));
	const [line] = (await once(createInterface({input: child.stdout}), 'line')) as [string];
	return Number(line);
}

const resetLine = /^Closed connection from .* protocol TCP: connection reset by peer \(ECONNRESET\)$/m;

test('Given a target that resets at once, Then the status line names it, one line says reset, and the exit status is 1', async t => {
	const port = await resettingServer(t);
	const cli = startCliFor(t, ['-i', 'none', `127.0.0.1:${port}`]);
	const {code} = await cli.exit;
	const stderr = cli.stderr();
	// The reset may beat the end of the handshake (connect fails) or follow it (the route ends).
	if (/^Connected from/m.test(stderr)) {
		assert.match(
			stderr,
			new RegExp(`^Connected from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:${port}, protocol TCP, family IPv4$`, 'm'),
		);
		assert.match(stderr, resetLine);
	} else {
		assert.match(
			stderr,
			new RegExp(`^netcrab-tui: cannot connect to 127\\.0\\.0\\.1:${port}: connection reset by peer \\(ECONNRESET\\)$`, 'm'),
		);
	}
	assert.doesNotMatch(stderr, /\?:0/);
	assert.equal(code, 1);
});

test('Given -l and a client that resets, Then one line says reset and the exit status is 1', async t => {
	const cli = startCliFor(t, ['-l', '127.0.0.1:0', '-i', 'none']);
	const client = await connectPeer(await cli.listeningPort());
	await cli.waitForStderr(/Accepted connection/);
	client.socket.write('bye');
	await cli.waitForStdout(3);
	client.socket.resetAndDestroy();
	const {code} = await cli.exit;
	assert.match(cli.stderr(), resetLine);
	assert.equal(code, 1);
});

test('Given -L and a client that resets, Then one line says reset and the listener goes on', async t => {
	const cli = startCliFor(t, ['-L', '127.0.0.1:0', '-i', 'none', '-m', '2']);
	const port = await cli.listeningPort();
	const client = await connectPeer(port);
	await cli.waitForStderr(/Accepted connection/);
	client.socket.resetAndDestroy();
	await cli.waitForStderr(resetLine);
	const next = await connectPeer(port);
	t.after(() => next.socket.destroy());
	await cli.waitForStderr(/Accepted connection[^]*Accepted connection/);
	assert.equal(cli.child.exitCode, null);
});
