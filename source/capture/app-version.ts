// `netcrab-tui 0.1.0`: the name and version from package.json, for file headers.
import {readFileSync} from 'node:fs';

let cached: string | undefined;

export function applicationName(): string {
	if (cached === undefined) {
		// dist/source/capture/ and source/capture/ both sit under the package root.
		const candidates = ['../../../package.json', '../../package.json'];
		for (const candidate of candidates) {
			try {
				const json = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {name?: string; version?: string};
				if (json.name === 'netcrab-tui') {
					cached = `${json.name} ${json.version ?? ''}`.trim();
					break;
				}
			} catch {
				// Not here: try the next place.
			}
		}
		cached ??= 'netcrab-tui';
	}
	return cached;
}
