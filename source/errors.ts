// Errors the user can cause at run time: printed as one line, exit status 1.
export class RuntimeError extends Error {}

/** A short human text for a socket error: the code when there is one. */
export function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const messages: Record<string, string> = {
		EADDRINUSE: 'address already in use',
		EADDRNOTAVAIL: 'address not available on this machine',
		EACCES: 'permission denied',
		ECONNREFUSED: 'connection refused',
		ECONNRESET: 'connection reset by peer',
		ETIMEDOUT: 'timed out',
		EHOSTUNREACH: 'host unreachable',
		ENETUNREACH: 'network unreachable',
		EPIPE: 'broken pipe',
		EMSGSIZE: 'message too long',
		EBADF: 'bad file descriptor',
		EIO: 'input/output error',
		EMFILE: 'too many open files',
		ENOENT: 'no such file or directory',
		EISDIR: 'is a directory',
		ENOSPC: 'no space left on device',
	};
	if (code && messages[code]) return `${messages[code]} (${code})`;
	if (code) return code;
	return error instanceof Error ? error.message : String(error);
}
