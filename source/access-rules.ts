// --allow/--deny/--allowfile/--denyfile -> checked access rules. No DNS here: a host name is kept
// as a name and resolved once when the session starts (net/access-filter.ts). Every problem with
// a spec or a file is a usage error, made here.
import {readFileSync} from 'node:fs';
import net from 'node:net';

export class AccessRuleError extends Error {}

export type AccessSpec =
	| {kind: 'address'; address: string; family: 4 | 6; text: string}
	| {kind: 'subnet'; address: string; prefix: number; family: 4 | 6; text: string}
	| {kind: 'host'; host: string; text: string};

export interface AccessRules {
	allow: AccessSpec[];
	deny: AccessSpec[];
	/** An allow rule or file was given: only allowed sources get in (an empty allow file admits no one). */
	allowListed: boolean;
}

/** `127.0.0.1`, `[::1]`, `10.0.0.0/8`, `fd00::/8`, `host.example`. */
export function parseAccessSpec(text: string): AccessSpec {
	const trimmed = text.trim();
	if (trimmed === '') throw new AccessRuleError('empty address');
	const slash = trimmed.indexOf('/');
	if (slash !== -1) {
		const address = unbracket(trimmed.slice(0, slash));
		const prefixText = trimmed.slice(slash + 1);
		const family = net.isIP(address);
		if (family === 0) throw new AccessRuleError(`bad address "${address}" in "${trimmed}"`);
		const max = family === 4 ? 32 : 128;
		if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
			throw new AccessRuleError(`bad prefix length "/${prefixText}" in "${trimmed}": expected 0 to ${max}`);
		}
		return {kind: 'subnet', address, prefix: Number(prefixText), family: family === 4 ? 4 : 6, text: trimmed};
	}
	const address = unbracket(trimmed);
	const family = net.isIP(address);
	if (family !== 0) return {kind: 'address', address, family: family === 4 ? 4 : 6, text: trimmed};
	// Digits and dots that are no IPv4 address (`300.1.1.1`, `10.1`) are a typo, not a name.
	if (/^[\d.]+$/.test(address) || address.includes(':')) throw new AccessRuleError(`bad address "${trimmed}"`);
	if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(address)) {
		throw new AccessRuleError(`bad address or host name "${trimmed}"`);
	}
	return {kind: 'host', host: address, text: trimmed};
}

function unbracket(text: string): string {
	return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}

/** One spec a line; `#` starts a comment (whole line or after a spec); blank lines are skipped. */
export function parseAccessFile(content: string, name: string): AccessSpec[] {
	const specs: AccessSpec[] = [];
	content.split(/\r?\n/).forEach((line, index) => {
		const text = line.replace(/#.*$/, '').trim();
		if (text === '') return;
		try {
			specs.push(parseAccessSpec(text));
		} catch (error) {
			throw new AccessRuleError(`${name} line ${index + 1}: ${(error as Error).message}`);
		}
	});
	return specs;
}

function readAccessFile(path: string, flag: string): AccessSpec[] {
	let content: string;
	try {
		content = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? String(error);
		throw new AccessRuleError(`cannot read ${flag} ${path}: ${code}`);
	}
	return parseAccessFile(content, `${flag} ${path}`);
}

function parseInline(texts: readonly string[], flag: string): AccessSpec[] {
	return texts.map(text => {
		try {
			return parseAccessSpec(text);
		} catch (error) {
			throw new AccessRuleError(`${flag}: ${(error as Error).message}`);
		}
	});
}

/** The rules of the four flags together; undefined when none was given (nothing is filtered). */
export function loadAccessRules(given: {
	allow: readonly string[];
	deny: readonly string[];
	allowFiles: readonly string[];
	denyFiles: readonly string[];
}): AccessRules | undefined {
	if (given.allow.length + given.deny.length + given.allowFiles.length + given.denyFiles.length === 0) return undefined;
	return {
		allow: [...parseInline(given.allow, '--allow'), ...given.allowFiles.flatMap(path => readAccessFile(path, '--allowfile'))],
		deny: [...parseInline(given.deny, '--deny'), ...given.denyFiles.flatMap(path => readAccessFile(path, '--denyfile'))],
		allowListed: given.allow.length + given.allowFiles.length > 0,
	};
}
