// Peer programs for TLS tests (openssl s_server/s_client, socat, ncat): spawned with piped stdio,
// waited on through what they print, killed when the test ends.
import {spawn, type ChildProcess} from 'node:child_process';
import net from 'node:net';
import type {TestContext} from 'node:test';
import {Condition} from './condition.js';
import {listenPeer} from './peers.js';

export interface PeerProcess {
	child: ChildProcess;
	stdout(): Buffer;
	stderr(): string;
	waitForStdout(length: number, timeoutMs?: number): Promise<Buffer>;
	waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	exit: Promise<number | null>;
}

export function spawnPeer(t: TestContext, command: string, args: string[]): PeerProcess {
	const child = spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe']});
	const chunks: Buffer[] = [];
	let length = 0;
	let stderr = '';
	let exited = false;
	const changed = new Condition();
	child.stdout!.on('data', (chunk: Buffer) => {
		chunks.push(chunk);
		length += chunk.length;
		changed.notify();
	});
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (text: string) => {
		stderr += text;
		changed.notify();
	});
	child.stdin!.on('error', () => {});
	const exit = new Promise<number | null>(resolve =>
		child.on('close', code => {
			exited = true;
			changed.notify();
			resolve(code);
		}),
	);
	t.after(() => {
		if (!exited) child.kill('SIGKILL');
	});
	const failed = () => (exited ? `${command} exited` : undefined);
	return {
		child,
		stdout: () => Buffer.concat(chunks),
		stderr: () => stderr,
		waitForStdout: (wanted, timeoutMs = 15_000) =>
			changed.until(() => (length >= wanted ? Buffer.concat(chunks) : undefined), `${wanted} bytes from ${command}`, {
				timeoutMs,
				failed,
				seen: () => `got ${length}; stderr: ${stderr}`,
			}),
		waitForStderr: (pattern, timeoutMs = 15_000) =>
			changed.until(() => stderr.match(pattern) ?? undefined, `${command} to print ${pattern}`, {
				timeoutMs,
				failed,
				seen: () => `stderr: ${stderr}`,
			}),
		exit,
	};
}

/** A port the OS just gave out and took back (for peers that cannot report theirs). */
export async function freePort(): Promise<number> {
	const {server, port} = await listenPeer();
	await new Promise(resolve => server.close(resolve));
	return port;
}

/** Resolves once something accepts on the port (tries again on each refusal). */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const accepted = await new Promise<boolean>(resolve => {
			const socket = net.connect({port, host: '127.0.0.1'});
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (accepted) return;
		if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/** `openssl s_server` on a fresh port; `args` add to -cert/-key. Bytes on its stdin go to the client. */
export async function startSServer(
	t: TestContext,
	cert: {cert: string; key: string},
	args: string[] = [],
): Promise<{port: number; server: PeerProcess}> {
	const port = await freePort();
	const server = spawnPeer(t, 'openssl', [
		's_server',
		'-accept',
		`127.0.0.1:${port}`,
		'-cert',
		cert.cert,
		'-key',
		cert.key,
		'-quiet',
		...args,
	]);
	await waitForPort(port);
	return {port, server};
}
