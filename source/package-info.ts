// The package's own package.json, read from the build (dist/source/ or dist/bundle/, two levels
// below the package root in a checkout and in an installed package alike): the version, the
// description for --help, the name for the process title.
import {readFileSync} from 'node:fs';

export interface PackageInfo {
	name: string;
	version: string;
	description: string;
	bin?: Record<string, string>;
	[field: string]: unknown;
}

export function packageInfo(): PackageInfo {
	const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
	return JSON.parse(text) as PackageInfo;
}
