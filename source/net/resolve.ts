// Names and listen specs -> concrete IP addresses (DNS, -4/-6 filter, local interfaces).
import {lookup} from 'node:dns/promises';
import {networkInterfaces} from 'node:os';
import type {IpListenSpec} from '../address.js';
import {RuntimeError} from '../errors.js';

export interface ResolvedAddress {
	address: string;
	family: 4 | 6;
}

function familyName(family: 4 | 6 | undefined): string {
	return family === undefined ? '' : ` for IPv${family}`;
}

/** Every address of a host, in the resolver's order, filtered by family. */
export async function resolveHost(host: string, family?: 4 | 6): Promise<ResolvedAddress[]> {
	let results: Array<{address: string; family: number}>;
	try {
		results = await lookup(host, {all: true, family: family ?? 0, verbatim: true});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? String(error);
		throw new RuntimeError(`cannot resolve "${host}"${familyName(family)}: ${code}`);
	}
	const seen = new Set<string>();
	const addresses: ResolvedAddress[] = [];
	for (const result of results) {
		if (seen.has(result.address)) continue;
		seen.add(result.address);
		addresses.push({address: result.address, family: result.family === 6 ? 6 : 4});
	}
	if (addresses.length === 0) throw new RuntimeError(`"${host}" has no address${familyName(family)}`);
	return addresses;
}

/** The addresses one -l/-L spec stands for. */
export async function listenAddresses(spec: IpListenSpec, family?: 4 | 6): Promise<ResolvedAddress[]> {
	const wanted = (candidate: 4 | 6) => family === undefined || family === candidate;
	switch (spec.kind) {
		case 'host':
			return resolveHost(spec.host, family);
		case 'wildcard': {
			const all: ResolvedAddress[] = [
				{address: '0.0.0.0', family: 4},
				{address: '::', family: 6},
			];
			return all.filter(candidate => wanted(candidate.family));
		}
		case 'interfaces': {
			const addresses: ResolvedAddress[] = [];
			for (const [name, infos] of Object.entries(networkInterfaces())) {
				for (const info of infos ?? []) {
					const infoFamily = info.family === 'IPv6' ? 6 : 4;
					if (!wanted(infoFamily)) continue;
					// Link-local IPv6 needs its interface named to be bindable.
					const address = infoFamily === 6 && info.scopeid ? `${info.address}%${name}` : info.address;
					addresses.push({address, family: infoFamily});
				}
			}
			if (addresses.length === 0) throw new RuntimeError(`no local interface address${familyName(family)} to listen on`);
			return addresses;
		}
	}
}
