// The process's own stderr: status lines only. A reader that went away (`2> >(head -c 5)`, a
// closed terminal) must not end a server: the lines are dropped and the run goes on. Without a
// listener an EPIPE there is an uncaught 'error' that kills the process (issue 18).
export function tolerateStderrErrors(stderr: NodeJS.WritableStream = process.stderr): void {
	stderr.on('error', () => {});
}
