// Node's tls and crypto modules, loaded on first use: a plain TCP run needs neither, and loading
// them (tls brings crypto) was about 15 ms of every start, plain mode and UI alike. Modules that use
// them import their types only and call these at run time.
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
let tls: typeof import('node:tls') | undefined;
let crypto: typeof import('node:crypto') | undefined;

export function tlsModule(): typeof import('node:tls') {
	return (tls ??= require('node:tls') as typeof import('node:tls'));
}

export function cryptoModule(): typeof import('node:crypto') {
	return (crypto ??= require('node:crypto') as typeof import('node:crypto'));
}
