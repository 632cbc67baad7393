// Command-line words -> the raw flags and inputs that parseOptions validates, with meow's
// conventions (camelCase names, repeatable flags as arrays, --no-NAME for a boolean, unknown flags
// kept so they can be refused by name) on node's own util.parseArgs. meow and its dependencies
// were a fifth of plain mode's start-up.
import {parseArgs} from 'node:util';

export interface FlagDefinition {
	type: 'string' | 'boolean';
	shortFlag?: string;
	isMultiple?: boolean;
	default?: string | boolean;
}

/**
 * A flag that takes one value, given twice (`-m 5 -m 6`), named as the user typed it. Chosen over
 * last-one-wins (issue 18): a second -e, -f or -m is more often a slip in a long command line than
 * an override, and silently dropping one of two commands or modes would hide it.
 */
export class RepeatedFlagError extends Error {
	constructor(typedForms: readonly string[]) {
		super(`${[...new Set(typedForms)].join(' and ')} given more than once: give it once`);
	}
}

export interface CommandLine {
	flags: Record<string, unknown>;
	input: string[];
}

const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

export function parseCommandLine(definitions: Readonly<Record<string, FlagDefinition>>, argv: readonly string[]): CommandLine {
	const options: Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}> = {};
	const names = new Map<string, string>();
	for (const [name, definition] of Object.entries(definitions)) {
		names.set(kebab(name), name);
		options[kebab(name)] = {type: definition.type, ...(definition.shortFlag ? {short: definition.shortFlag} : {})};
	}
	const {tokens} = parseArgs({args: [...argv], options, strict: false, allowPositionals: true, tokens: true});
	const flags: Record<string, unknown> = {};
	const input: string[] = [];
	/** How each single-value flag was typed so far (`-m`, `--max-clients`), for RepeatedFlagError. */
	const typed = new Map<string, string[]>();
	for (const token of tokens) {
		if (token.kind === 'positional') input.push(token.value);
		if (token.kind !== 'option') continue;
		const known = names.get(token.name);
		const negated = token.name.startsWith('no-') ? names.get(token.name.slice(3)) : undefined;
		if (known === undefined && negated !== undefined && definitions[negated]?.type === 'boolean') {
			flags[negated] = false;
		} else if (known === undefined) {
			// Unknown: a short one keeps its letter (-V), a long one becomes camelCase like meow's.
			flags[token.name.length === 1 ? token.name : camel(token.name)] = token.value ?? true;
		} else if (definitions[known]!.type === 'boolean') {
			flags[known] = token.value === undefined ? true : token.value !== 'false';
		} else {
			// A string flag at the very end has no value: '' lets the validator say what is missing.
			const value = token.value ?? '';
			if (!definitions[known]!.isMultiple) {
				const forms = [...(typed.get(known) ?? []), token.rawName];
				typed.set(known, forms);
				if (forms.length > 1) throw new RepeatedFlagError(forms);
			}
			flags[known] = definitions[known]!.isMultiple ? [...((flags[known] as string[] | undefined) ?? []), value] : value;
		}
	}
	for (const [name, definition] of Object.entries(definitions)) {
		if (flags[name] === undefined && definition.default !== undefined) flags[name] = definition.default;
	}
	return {flags, input};
}
