// Child processes for the bench: start one, wait on what it prints, read its memory and sockets
// from /proc, and make sure none outlives the run.
import {spawn} from 'node:child_process';
import {readFileSync, readdirSync, readlinkSync} from 'node:fs';

const running = new Set();

/** Epoch milliseconds with sub-millisecond precision, comparable between processes. */
export function now() {
	return performance.timeOrigin + performance.now();
}

export function sleep(ms) {
	return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Starts a process. Lines it prints on stdout that are JSON objects with an `event` field (the load
 * helper's protocol) can be awaited with waitEvent; stderr is kept for waitStderr.
 * stdio: {stdin, stdout} are 'pipe', 'ignore' or a file descriptor.
 */
export function start(command, args, {stdin = 'ignore', stdout = 'pipe', env} = {}) {
	const child = spawn(command, args, {stdio: [stdin, stdout, 'pipe'], ...(env ? {env: {...process.env, ...env}} : {})});
	const events = [];
	let stderr = '';
	let exited;
	const waiters = new Set();
	const wake = () => {
		for (const waiter of [...waiters]) waiter();
	};
	if (child.stdout) {
		let partial = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', text => {
			const lines = (partial + text).split('\n');
			partial = lines.pop();
			for (const line of lines) {
				if (!line.startsWith('{')) continue;
				try {
					events.push(JSON.parse(line));
				} catch {}
			}
			wake();
		});
	}
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', text => {
		// Only the start matters for errors and readiness; a chatty peer must not grow this forever.
		if (stderr.length < 16 << 20) stderr += text;
		wake();
	});
	const exit = new Promise(resolve => {
		child.on('error', error => {
			stderr += String(error);
			exited = {code: null, signal: null, at: now()};
			running.delete(child);
			wake();
			resolve(exited);
		});
		child.on('close', (code, signal) => {
			exited ??= {code, signal, at: now()};
			running.delete(child);
			wake();
			resolve(exited);
		});
	});
	running.add(child);
	const name = `${command.split('/').pop()} ${args.join(' ')}`.slice(0, 120);

	const waitFor = (check, what, timeoutMs) =>
		new Promise((resolve, reject) => {
			const attempt = () => {
				const result = check();
				if (result !== undefined) {
					cleanup();
					resolve(result);
				} else if (exited) {
					cleanup();
					reject(new Error(`${name} exited (${exited.code ?? exited.signal}) before ${what}: ${stderr.trim().slice(-400)}`));
				}
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`${name}: timed out waiting for ${what}: ${stderr.trim().slice(-400)}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				waiters.delete(attempt);
			};
			waiters.add(attempt);
			attempt();
		});

	return {
		child,
		pid: child.pid,
		name,
		exit,
		stderr: () => stderr,
		/** Every JSON event printed so far, in order. */
		events: () => events,
		waitEvent: (event, timeoutMs = 120_000) => waitFor(() => events.find(item => item.event === event), `"${event}"`, timeoutMs),
		/** Resolves once stderr matched `pattern` `count` times (pattern must have the g flag). */
		waitStderr: (pattern, count = 1, timeoutMs = 30_000) => {
			// Counts matches in whole lines not yet scanned: thousands of "Accepted" lines stay linear.
			let seen = 0;
			let scanned = 0;
			const check = () => {
				const end = stderr.lastIndexOf('\n') + 1;
				if (end > scanned) {
					seen += stderr.slice(scanned, end).match(pattern)?.length ?? 0;
					scanned = end;
				}
				return seen >= count ? true : undefined;
			};
			return waitFor(check, `${count} x ${pattern}`, timeoutMs);
		},
		waitExit: (timeoutMs = 120_000) => waitFor(() => exited, 'exit', timeoutMs),
		/** SIGTERM (so a --cpu-prof run writes its profile), then SIGKILL if it lingers. */
		kill() {
			if (!exited) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
				void exit.then(() => clearTimeout(timer));
			}
			return exit;
		},
	};
}

/** Stops every process the bench started and that still runs. */
export function killAll() {
	for (const child of running) child.kill('SIGKILL');
}

/** VmRSS and VmHWM (peak) of a process, in bytes. */
export function memory(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = name => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
	return {rss: field('VmRSS'), peak: field('VmHWM')};
}

/** The process and its descendants (a metered command runs as the meter's child). */
function withDescendants(pid) {
	const pids = [pid];
	for (let index = 0; index < pids.length; index++) {
		try {
			pids.push(...readFileSync(`/proc/${pids[index]}/task/${pids[index]}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
		} catch {}
	}
	return pids;
}

/** TCP ports a process (or its children) listens on, through socket inodes in /proc/net/tcp{,6}. */
export function listeningPorts(pid) {
	const inodes = new Set();
	readdirSync(`/proc/${pid}`);
	for (const owner of withDescendants(pid)) {
		let fds = [];
		try {
			fds = readdirSync(`/proc/${owner}/fd`);
		} catch {}
		for (const fd of fds) {
			try {
				const match = readlinkSync(`/proc/${owner}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
				if (match) inodes.add(match[1]);
			} catch {}
		}
	}
	const ports = [];
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			// fields: sl local remote st ... inode (index 9); st 0A is LISTEN.
			if (fields[3] === '0A' && inodes.has(fields[9])) ports.push(Number.parseInt(fields[1].split(':')[1], 16));
		}
	}
	return ports;
}

/** Waits until the process listens, and returns its (first) port. */
export async function waitListening(processHandle, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let ports = [];
		try {
			ports = listeningPorts(processHandle.pid);
		} catch {
			// The process is gone (its /proc entry with it): the deadline reports that below.
		}
		if (ports.length > 0) return ports[0];
		if (Date.now() > deadline)
			throw new Error(`${processHandle.name} did not start listening: ${processHandle.stderr().trim().slice(-400)}`);
		await sleep(10);
	}
}
