// Finds a request for help or the version anywhere on the command line, as ncat, nc and socat do:
// `netcrab-tui -L :5000 --help` prints help instead of listening. Arguments after `--` are data.
export type HelpRequest = 'help' | 'version';

export function helpRequest(argv: readonly string[]): HelpRequest | undefined {
	const end = argv.indexOf('--');
	const options = end === -1 ? argv : argv.slice(0, end);
	if (options.some(argument => argument === '-h' || argument === '--help')) return 'help';
	if (options.includes('--version')) return 'version';
	return undefined;
}
