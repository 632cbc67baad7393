// Shared steps of the UI tests in a pseudo-terminal: the port a listener got, a port nothing
// listens on, and the checks that the terminal was given back.
import assert from 'node:assert/strict';
import {once} from 'node:events';
import net from 'node:net';
import type {TestContext} from 'node:test';
import {connectPeer, type Peer} from './peers.js';
import {startInPty, type PtyRun} from './term.js';

const listeningPattern = /TCP 127\.0\.0\.1:(\d+) listening/;

export async function listeningPort(run: PtyRun): Promise<number> {
	const screen = await run.waitForScreen(listeningPattern);
	return Number(screen.match(listeningPattern)![1]);
}

/** The UI listening in a pty with two TCP peers connected; all three end with the test. */
export async function listenerWithTwoPeers(
	t: TestContext,
	args: string[],
	size: {columns: number; rows: number},
): Promise<{run: PtyRun; port: number; a: Peer; b: Peer}> {
	const run = startInPty(args, size);
	t.after(() => run.kill());
	const port = await listeningPort(run);
	const a = await connectPeer(port);
	const b = await connectPeer(port);
	t.after(() => {
		a.socket.destroy();
		b.socket.destroy();
	});
	return {run, port, a, b};
}

/** A loopback port that refuses connections (bound by the OS, then closed). */
export async function closedPort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const port = (server.address() as net.AddressInfo).port;
	server.close();
	await once(server, 'close');
	return port;
}

/** What the CLI wrote after it left the alternate screen (the shell's lines follow it). */
export function afterLeaving(run: PtyRun): string {
	return run.output().slice(run.output().lastIndexOf('\x1b[?1049l'));
}

/** After the CLI ended, the shell printed its status and `stty -a`: check the terminal is cooked. */
export async function assertRestored(run: PtyRun, code: number): Promise<void> {
	await run.exited;
	const after = afterLeaving(run);
	assert.match(after, new RegExp(`EXIT=${code}\\b`));
	assert.match(after, /(^|\s)icanon(\s|$)/m, 'canonical mode back on');
	assert.match(after, /(^|\s)echo(\s|$)/m, 'echo back on');
	assert.equal(run.term.buffer.active.type, 'normal', 'alternate screen left');
	assert.ok(run.output().lastIndexOf('\x1b[?25h') > run.output().lastIndexOf('\x1b[?25l'), 'cursor shown');
	assert.match(after, /netcrab-tui: \d+ peers?, received \d+(\.\d+)? [kKMG]?i?B, sent/);
}
