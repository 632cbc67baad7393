// Value parsers for command-line flags: whole numbers, probabilities, durations, sizes, choices.
// Each refuses a bad value with a UsageError naming the flag as the user would type it.
import type {DelayRange} from './options.js';
import {flagDefinitions} from './flag-definitions.js';
import {UsageError} from './usage-error.js';

type FlagName = keyof typeof flagDefinitions;

export function kebab(name: string): string {
	return name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

export function flagName(name: FlagName): string {
	const definition = flagDefinitions[name] as {shortFlag?: string};
	const long = `--${kebab(name)}`;
	return definition.shortFlag ? `-${definition.shortFlag}/${long}` : long;
}

export function integer(raw: unknown, name: FlagName, {min, max}: {min: number; max: number}): number | undefined {
	if (raw === undefined) return undefined;
	const text = String(raw);
	const value = Number(text);
	if (!/^\d+$/.test(text) || value < min || value > max) {
		throw new UsageError(`bad value "${text}" for ${flagName(name)}: expected a whole number from ${min} to ${max}`);
	}
	return value;
}

export function probability(raw: unknown, name: FlagName): number {
	if (raw === undefined) return 0;
	const text = String(raw);
	const value = Number(text);
	// Decimal only: Number() would also take 0x1, 1e0 and " 1 ".
	if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text) || value < 0 || value > 1) {
		throw new UsageError(`bad probability "${text}" for ${flagName(name)}: expected a number from 0 to 1`);
	}
	return value;
}

/** A duration in seconds (fractions allowed) -> ms; `inf` only where it means "no limit". */
export function seconds(raw: unknown, name: FlagName, {zero, inf}: {zero: boolean; inf: boolean}): number | undefined {
	if (raw === undefined) return undefined;
	const text = String(raw);
	if (inf && text === 'inf') return Number.POSITIVE_INFINITY;
	const value = Number(text);
	// setTimeout holds at most about 24.8 days.
	const max = 2_000_000;
	if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text) || value > max || (!zero && value === 0)) {
		const range = `${zero ? 'from 0' : 'above 0'} to ${max}${inf ? ', or inf' : ''}`;
		throw new UsageError(`bad value "${text}" for ${flagName(name)}: expected seconds ${range}`);
	}
	return Math.round(value * 1000);
}

export function delayRange(rawMin: unknown, rawMax: unknown, minName: 'sdmin' | 'rdmin', maxName: 'sdmax' | 'rdmax'): DelayRange {
	const limit = 3_600_000;
	const min = integer(rawMin, minName, {min: 0, max: limit});
	const max = integer(rawMax, maxName, {min: 0, max: limit});
	// Giving only one end makes a fixed delay.
	const range = {min: min ?? max ?? 0, max: max ?? min ?? 0};
	if (range.min > range.max) {
		throw new UsageError(`--${minName} (${range.min}) is larger than --${maxName} (${range.max})`);
	}
	return range;
}

export function oneOf<T extends string>(raw: unknown, name: FlagName, allowed: readonly T[], fallback: T): T {
	if (raw === undefined) return fallback;
	const text = String(raw);
	if (!(allowed as readonly string[]).includes(text)) {
		throw new UsageError(`bad value "${text}" for ${flagName(name)}: expected one of ${allowed.join(', ')}`);
	}
	return text as T;
}

const sizeUnits: Record<string, number> = {'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3};

/** `1000`, `64k`, `10M`, `1GiB`: powers of 1024. */
export function parseSize(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
	if (!match) return undefined;
	const bytes = Math.floor(Number(match[1]) * sizeUnits[match[2]!.toLowerCase()]!);
	return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

export function strings(raw: unknown): string[] {
	if (raw === undefined) return [];
	return (Array.isArray(raw) ? raw : [raw]).map(String);
}
