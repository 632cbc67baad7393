// A python3 TCP server as an independent upstream: for every connection it sends `sendBytes`
// random bytes while reading until EOF, then closes, and reports each step on stdout:
// `accepted N PEERPORT`, `done N SHA256-RECEIVED SHA256-SENT`, `closed N` (the peer left first).
import {spawn} from 'node:child_process';
import type {TestContext} from 'node:test';
import {Condition} from './condition.js';

const script = `
import hashlib, os, socket, sys, threading
size = int(sys.argv[1])
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(256)
print('port', server.getsockname()[1], flush=True)
lock = threading.Lock()
def say(*words):
    with lock:
        print(*words, flush=True)
def serve(connection, number):
    payload = os.urandom(size)
    sender = threading.Thread(target=lambda: send(connection, payload))
    sender.start()
    received = hashlib.sha256()
    try:
        while True:
            data = connection.recv(1 << 16)
            if not data:
                break
            received.update(data)
    except OSError:
        say('closed', number)
        connection.close()
        return
    sender.join()
    say('done', number, received.hexdigest(), hashlib.sha256(payload).hexdigest())
    connection.close()
def send(connection, payload):
    try:
        connection.sendall(payload)
    except OSError:
        pass
number = 0
while True:
    connection, peer = server.accept()
    number += 1
    say('accepted', number, peer[1])
    threading.Thread(target=serve, args=(connection, number), daemon=True).start()
`;

export interface PythonUpstream {
	port: number;
	lines(): string[];
	waitForLines(pattern: RegExp, count: number, timeoutMs?: number): Promise<string[]>;
}

export async function startPythonUpstream(t: TestContext, sendBytes: number): Promise<PythonUpstream> {
	const child = spawn('python3', ['-u', '-c', script, String(sendBytes)], {stdio: ['ignore', 'pipe', 'inherit']});
	t.after(() => child.kill('SIGKILL'));
	let text = '';
	const changed = new Condition();
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		text += chunk;
		changed.notify();
	});
	// Complete lines only: a chunk may end in the middle of one.
	const lines = () =>
		text
			.split('\n')
			.slice(0, -1)
			.filter(line => line !== '');
	const waitForLines = (pattern: RegExp, count: number, timeoutMs = 30_000) =>
		changed.until(
			() => {
				const matching = lines().filter(line => pattern.test(line));
				return matching.length >= count ? matching : undefined;
			},
			`${count} upstream lines matching ${pattern}`,
			{timeoutMs, seen: () => text},
		);
	const [portLine] = await waitForLines(/^port /, 1);
	return {port: Number(portLine!.split(' ')[1]), lines, waitForLines};
}
