// Node modules that only some runs need, loaded on first use: node:tls (with the crypto it
// brings) cost every plain TCP run about 2 MiB of RSS and 10-20 ms of start-up CPU (issue 17).
// A bundle hoists every static import to start-up, so these go through require() instead.
import {createRequire} from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

let tls: typeof import('node:tls') | undefined;
let crypto: typeof import('node:crypto') | undefined;

export function tlsModule(): typeof import('node:tls') {
	tls ??= requireBuiltin('node:tls') as typeof import('node:tls');
	return tls;
}

export function cryptoModule(): typeof import('node:crypto') {
	crypto ??= requireBuiltin('node:crypto') as typeof import('node:crypto');
	return crypto;
}
