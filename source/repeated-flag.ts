// A flag that takes one value, given twice (`-m 5 -m 6`), is a usage error naming the flag as the
// user typed it (issue 18: meow's "The flag --maxClients can only be set once." came out as an
// internal error). Chosen over last-one-wins: a second -e, -f or -m is more often a slip in a long
// command line than an override, and silently dropping one of two commands or modes hides it.
import {flagDefinitions} from './options.js';

const meowMessage = /^The flag --(\w+) can only be set once\.$/;

function kebab(name: string): string {
	return name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

/** The usage error text for meow's repeated-flag error, or undefined for any other error. */
export function repeatedFlagMessage(error: unknown, argv: readonly string[]): string | undefined {
	const match = meowMessage.exec(error instanceof Error ? error.message : '');
	if (!match) return undefined;
	const name = match[1]!;
	const short = (flagDefinitions as Record<string, {shortFlag?: string}>)[name]?.shortFlag;
	const long = `--${kebab(name)}`;
	const typed = new Set<string>();
	for (const argument of argv) {
		if (argument === '--') break;
		if (argument === long || argument.startsWith(`${long}=`)) typed.add(long);
		else if (short && /^-[^-]/.test(argument) && argument.slice(1).includes(short)) typed.add(`-${short}`);
	}
	const forms = typed.size > 0 ? [...typed].join(' and ') : long;
	return `${forms} given more than once: give it once`;
}
