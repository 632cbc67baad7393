// Issue 9, cases 1 and 2, and the half-close wait (source/lifecycle/half-close-wait.ts): a peer's
// FIN while local input is still an open pipe. What nc, ncat and socat do is in readme.md
// ("Endings"): nc -l and ncat -l close at the FIN, socat after 0.5 s, we after 0.5 s of quiet input.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import net from 'node:net';
import {test} from 'node:test';
import {startCliFor} from '../helpers/cli.js';
import {connectPeer, sha256} from '../helpers/peers.js';

/** Rejects when the promise takes longer than ms (the loose bounds issue 9 asks for). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
	});
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Debian's `printf 'hi\n' | nc -q 1 127.0.0.1 PORT`: sends, half-closes, waits for the server to close. */
async function debianNcClient(port: number): Promise<number | null> {
	const nc = spawn('nc', ['-q', '1', '127.0.0.1', String(port)], {stdio: ['pipe', 'ignore', 'ignore']});
	nc.stdin.end('hi\n');
	try {
		const [code] = (await within(once(nc, 'exit'), 3000, 'nc -q 1')) as [number | null];
		return code;
	} finally {
		nc.kill('SIGKILL');
	}
}

test('issue 9 case 1: Debian nc -q 1 against -l with stdin an open pipe finishes within 3 s, and -l exits 0', async t => {
	const server = startCliFor(t, ['--no-tui', '-l', '127.0.0.1:0']);
	const port = await server.listeningPort();
	assert.equal(await debianNcClient(port), 0);
	assert.equal((await within(server.exit, 3000, '-l exiting')).code, 0);
	assert.equal(server.stdout().toString(), 'hi\n');
});

test('issue 9 case 1 with -L: each nc -q 1 client finishes within 3 s, so the next one can start', async t => {
	const server = startCliFor(t, ['--no-tui', '-L', '127.0.0.1:0']);
	const port = await server.listeningPort();
	assert.equal(await debianNcClient(port), 0);
	assert.equal(await debianNcClient(port), 0);
	await server.waitForStdout(6);
	assert.equal(server.child.exitCode, null, '-L keeps listening');
});

test('issue 9 case 2: a client whose server sends 4 MiB and closes exits 0 within 3 s with every byte on stdout', async t => {
	const payload = randomBytes(4 << 20);
	const listener = net.createServer(socket => socket.end(payload));
	listener.listen(0, '127.0.0.1');
	await once(listener, 'listening');
	t.after(() => listener.close());
	const client = startCliFor(t, ['--no-tui', `127.0.0.1:${(listener.address() as net.AddressInfo).port}`]);
	// stdin stays an open pipe, as with `sleep 30 | netcrab-tui ...`.
	await client.waitForStdout(payload.length);
	assert.equal((await within(client.exit, 3000, 'the client exiting')).code, 0);
	assert.equal(sha256(client.stdout()), sha256(payload));
});

test("half-close wait: an answer written to stdin 300 ms after the client's FIN reaches the client whole, then the connection closes", async t => {
	const server = startCliFor(t, ['--no-tui', '-l', '127.0.0.1:0']);
	const client = await connectPeer(await server.listeningPort());
	client.socket.end('question');
	await server.waitForStdout(8);
	await new Promise(resolve => setTimeout(resolve, 300));
	const answer = randomBytes(200_000);
	server.child.stdin!.write(answer);
	await within(client.ended, 5000, 'the server closing after the answer');
	assert.equal(sha256(client.received()), sha256(answer));
	assert.equal((await server.exit).code, 0);
});

test('--half-close-wait 0 closes at the FIN, as ncat -l does', async t => {
	const server = startCliFor(t, ['--no-tui', '-l', '127.0.0.1:0', '--half-close-wait', '0']);
	const client = await connectPeer(await server.listeningPort());
	client.socket.end('question');
	await within(client.ended, 5000, 'the FIN being answered');
	assert.equal(client.received().length, 0);
	assert.equal((await server.exit).code, 0);
});

test('--half-close-wait inf keeps the half-closed connection until stdin ends (an answer 1 s later still arrives)', async t => {
	const server = startCliFor(t, ['--no-tui', '-l', '127.0.0.1:0', '--half-close-wait', 'inf']);
	const client = await connectPeer(await server.listeningPort());
	client.socket.end('question');
	await server.waitForStdout(8);
	await new Promise(resolve => setTimeout(resolve, 1000));
	server.child.stdin!.end('late answer');
	await within(client.ended, 5000, 'the close after stdin ended');
	assert.equal(client.received().toString(), 'late answer');
	assert.equal((await server.exit).code, 0);
});

test("-e waits for the command by default: an answer it gives 1 s after the client's FIN still arrives", async t => {
	const server = startCliFor(t, ['--no-tui', '-l', '127.0.0.1:0', '-e', 'cat >/dev/null; sleep 1; echo done']);
	const client = await connectPeer(await server.listeningPort());
	client.socket.end('question');
	await within(client.ended, 10_000, 'the close after the command exited');
	assert.equal(client.received().toString(), 'done\n');
	assert.equal((await server.exit).code, 0);
});
