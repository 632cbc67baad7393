// Unix domain stream sockets: `unix:/path` and Linux abstract `unix:@name`, as listeners and
// targets. Their sockets become routes like TCP's (TcpRoute with a unix identity).
//
// A listener's path, compared with the peers (run here):
//   nc -lU PATH (OpenBSD), ncat -lU PATH: an existing file, live or stale, is "Address already in
//     use"; the file stays behind after exit (nc) or is removed (ncat).
//   socat UNIX-LISTEN:PATH: the same EADDRINUSE unless `unlink-early`, which also steals a live path.
//   netcrab-tui: a live path (something accepts a connection on it) is refused with one line,
//     exit 1; a stale socket file (connection refused) is replaced; anything that is not a socket
//     is left alone and refused. Its own file goes at every exit: server.close() unlinks it (on
//     signals and a normal end), and an exit hook removes it when the process ends any other way,
//     but only while the path is still the socket this run made.
import {lstatSync, unlinkSync} from 'node:fs';
import net from 'node:net';
import {formatUnixAddress, type UnixAddress} from '../address.js';
import {describeError, RuntimeError} from '../errors.js';
import {createStreamServer, type StreamIdentity, type TcpListenerOptions} from './tcp.js';

/** The path Node's net takes: abstract names start with a NUL byte. */
function socketPath(address: UnixAddress): string {
	return address.abstract ? `\0${address.path}` : address.path;
}

export function unixIdentity(address: UnixAddress): StreamIdentity {
	const name = formatUnixAddress(address);
	// A Unix peer has no address of its own to show (clients rarely bind): both ends show the path.
	return {protocol: 'unix', local: name, peer: name, peerHost: name, family: undefined};
}

/** One connection attempt to a Unix socket. */
export function connectUnix(address: UnixAddress, {timeoutMs}: {timeoutMs?: number} = {}): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({path: socketPath(address), allowHalfOpen: true});
		let timer: NodeJS.Timeout | undefined;
		const fail = (error: Error) => {
			clearTimeout(timer);
			socket.destroy();
			reject(error);
		};
		if (timeoutMs !== undefined) timer = setTimeout(() => fail(Object.assign(new Error('timed out'), {code: 'ETIMEDOUT'})), timeoutMs);
		socket.once('error', fail);
		socket.once('connect', () => {
			clearTimeout(timer);
			socket.removeListener('error', fail);
			resolve(socket);
		});
	});
}

/** Whether something accepts connections on the path (a live listener), or it is stale. */
function probe(address: UnixAddress): Promise<'live' | 'stale'> {
	return connectUnix(address, {timeoutMs: 2000}).then(
		socket => {
			socket.destroy();
			return 'live' as const;
		},
		(error: NodeJS.ErrnoException) => {
			// A full backlog or a slow server still means someone is there.
			if (error.code === 'ECONNREFUSED') return 'stale' as const;
			if (error.code === 'ETIMEDOUT' || error.code === 'EAGAIN') return 'live' as const;
			throw error;
		},
	);
}

export interface UnixListener {
	server: net.Server;
	/** What the user should hear about the path (a stale file replaced), if anything. */
	notice?: string;
}

/** Binds a Unix listener; rejects with a one-line RuntimeError. */
export async function listenUnix(address: UnixAddress, options: TcpListenerOptions): Promise<UnixListener> {
	const name = formatUnixAddress(address);
	const cannot = (why: string) => new RuntimeError(`cannot listen on ${name}: ${why}`);
	let notice: string | undefined;
	if (!address.abstract) {
		let stats;
		try {
			stats = lstatSync(address.path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannot(describeError(error));
		}
		if (stats && !stats.isSocket()) throw cannot('the path exists and is not a socket');
		if (stats) {
			let state: 'live' | 'stale';
			try {
				state = await probe(address);
			} catch (error) {
				throw cannot(describeError(error));
			}
			if (state === 'live') throw cannot('something is already listening there');
			try {
				unlinkSync(address.path);
			} catch (error) {
				throw cannot(`cannot remove the stale socket file: ${describeError(error)}`);
			}
			notice = `Removed stale socket file ${address.path} (nothing was listening on it)`;
		}
	}
	const server = createStreamServer(options);
	await new Promise<void>((resolve, reject) => {
		server.once('error', error => reject(cannot(describeError(error))));
		server.listen({path: socketPath(address), backlog: 4096}, () => {
			server.removeAllListeners('error');
			server.on('error', () => {});
			resolve();
		});
	});
	if (!address.abstract) removeAtExit(server, address.path);
	return notice ? {server, notice} : {server};
}

/**
 * server.close() unlinks the file; an exit that skips it (an error, process.exit) runs this hook,
 * which removes the path only while it is still the socket this run bound (same inode).
 */
function removeAtExit(server: net.Server, path: string): void {
	let inode: number;
	try {
		inode = lstatSync(path).ino;
	} catch {
		return;
	}
	const remove = () => {
		try {
			if (lstatSync(path).ino === inode) unlinkSync(path);
		} catch {
			// Already gone.
		}
	};
	process.on('exit', remove);
	server.once('close', () => process.removeListener('exit', remove));
}
