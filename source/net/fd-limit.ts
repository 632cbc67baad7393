// Running out of file descriptors while accepting (EMFILE, ENFILE) was silent (issue 18: with
// ulimit -n 64, 158 of 200 connections closed at once and no line). libuv does not report it:
// it accepts and closes what it cannot keep (its "EMFILE trick") and tells Node nothing. So the
// listener watches its own descriptors: once an accepted connection leaves no room for the next,
// it says so (once per burst, see listener-reports.ts), with the limit named.
import {readdirSync, readFileSync} from 'node:fs';
import {describeError} from '../errors.js';

export function isOutOfDescriptors(error: Error): boolean {
	const code = (error as NodeJS.ErrnoException).code;
	return code === 'EMFILE' || code === 'ENFILE';
}

/** The soft limit on open files (Linux /proc), or undefined where it cannot be read. */
export function openFileLimit(): number | undefined {
	try {
		const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** The warning for a failed accept(); out of descriptors names the limit. */
export function describeAcceptError(error: Error, listener: string): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (!isOutOfDescriptors(error)) return `cannot accept a connection on ${listener}: ${describeError(error)}`;
	if (code === 'ENFILE')
		return `cannot accept connections on ${listener}: the system is out of file descriptors (ENFILE); connections are being closed`;
	const limit = openFileLimit();
	return `cannot accept connections on ${listener}: too many open files (EMFILE, limit ${limit ?? 'unknown'}: raise it with ulimit -n); connections are being closed`;
}

function countOpenDescriptors(): number | undefined {
	try {
		return readdirSync('/proc/self/fd').length;
	} catch {
		return undefined;
	}
}

/** Whether the process is at its open-files limit; counts /proc/self/fd only when it may be. */
export class DescriptorWatch {
	private readonly limit = openFileLimit();
	private counted = countOpenDescriptors();
	private acceptedSinceCount = 0;
	private countedAt = Date.now();

	/** Call once per accepted connection: true when the next one cannot be taken. */
	full(): boolean {
		if (this.limit === undefined || this.counted === undefined) return false;
		this.acceptedSinceCount++;
		const now = Date.now();
		// The estimate grows with accepts and misses closes: recount when it nears the limit or is old.
		if (this.counted + this.acceptedSinceCount >= this.limit - 1 || now - this.countedAt > 1000) {
			this.counted = countOpenDescriptors() ?? 0;
			this.acceptedSinceCount = 0;
			this.countedAt = now;
		}
		// libuv keeps one descriptor in reserve for its trick.
		return this.counted >= this.limit - 1;
	}
}

/** The error a full descriptor table would have given accept(). */
export function outOfDescriptorsError(): Error {
	return Object.assign(new Error('too many open files'), {code: 'EMFILE'});
}
