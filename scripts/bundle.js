#!/usr/bin/env node
// Bundles the command into dist/bundle/ with esbuild: cli.js (source/launch.ts, which answers
// --version alone), a chunk with plain mode (our modules)
// and chunks loaded by import() (the UI with Ink and React). One file read instead of hundreds of
// modules resolved makes start-up fast; the dependencies are inside, so an installed package needs
// none. Source only, no type-check: it is the `prepare` step of npm pack, publish and git installs.
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {dependencyPatches} from './bundle-patches.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, {recursive: true, force: true});
const result = await build({
	plugins: [dependencyPatches],
	absWorkingDir: root,
	entryPoints: {cli: 'source/launch.ts'},
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// Chunks beside cli.js: package-info.ts finds package.json two levels up from any of them.
	chunkNames: '[name]-[hash]',
	jsx: 'automatic',
	// React's production build: the development one renders several times slower.
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink loads the React devtools only when DEV=true; they are not a dependency. The certificate
	// maker (loaded only for a TLS listener without --tls-cert) stays a real dependency: tsyringe,
	// inside @peculiar/x509, fails once bundled ("reading 'set'").
	external: ['react-devtools-core', '@peculiar/x509', 'reflect-metadata'],
	// Bundled CommonJS (React) calls require() for Node's modules: give ESM a real one.
	banner: {js: "import {createRequire as __netcrabRequire} from 'node:module';\nconst require = __netcrabRequire(import.meta.url);"},
	// Smaller source compiles faster: the UI chunk's compile was most of the first frame's wait.
	// `node scripts/bundle.js --readable` keeps names and layout, for profiles.
	minify: !process.argv.includes('--readable'),
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
	// cli.tsx sets NODE_ENV for unbundled runs; in the bundle the define already decided.
	logOverride: {'assign-to-define': 'silent'},
});
// What each output holds (read by test/ui/lazy-load.test.ts); kept outside the shipped folder.
writeFileSync(`${root}dist/bundle-meta.json`, JSON.stringify(result.metafile));

// The bundled packages' licenses travel with their code (MIT and ISC ask for the notice).
const packages = new Set(
	Object.keys(result.metafile.inputs).flatMap(input => input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []),
);
const notices = [...packages].sort().map(name => {
	const directory = `${root}node_modules/${name}`;
	const {version, license} = JSON.parse(readFileSync(`${directory}/package.json`, 'utf8'));
	const file = readdirSync(directory).find(entry => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
	const text =
		file && existsSync(`${directory}/${file}`)
			? readFileSync(`${directory}/${file}`, 'utf8').trim()
			: `${license} (no license file in the package)`;
	return `${name} ${version}\n\n${text}\n`;
});
writeFileSync(
	`${outdir}/THIRD-PARTY-LICENSES.txt`,
	`Packages bundled into netcrab-tui, with their licenses.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);
