#!/usr/bin/env node
// Bundles the command into dist/bundle/ with esbuild: cli.cjs (source/launch.ts, which answers
// --version alone), main.js with a chunk holding plain mode (our modules), and chunks loaded by
// import() (the UI with Ink and React). A few file reads instead of hundreds of modules resolved
// make start-up fast; the dependencies are inside, so an installed package needs none. Source
// only, no type-check: it is the `prepare` step of npm pack, publish and git installs.
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {dependencyPatches} from './bundle-patches.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, {recursive: true, force: true});
const minify = !process.argv.includes('--readable');
const common = {
	absWorkingDir: root,
	outdir,
	bundle: true,
	platform: 'node',
	target: 'node20',
	// Smaller source compiles faster: the UI chunk's compile was most of the first frame's wait.
	// `node scripts/bundle.js --readable` keeps names and layout, for profiles.
	minify,
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
};
// The program: main.js (source/cli.tsx) and the chunks it shares or loads by import(): plain mode
// (our modules) statically, the UI with Ink and React only when it runs.
const program = await build({
	...common,
	plugins: [dependencyPatches],
	entryPoints: {main: 'source/cli.tsx'},
	splitting: true,
	format: 'esm',
	// Chunks beside main.js: package-info.ts finds package.json two levels up from any of them.
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
	// cli.tsx sets NODE_ENV for unbundled runs; in the bundle the define already decided.
	logOverride: {'assign-to-define': 'silent'},
});
// The command (bin): cli.cjs, source/launch.ts as CommonJS, so that `--version` is answered without
// Node setting up its ES module loader (a sixth of a bare `node -e ''`); anything else imports
// main.js. Its own import of ./cli.js is that main.js.
const launcher = await build({
	...common,
	entryPoints: {cli: 'source/launch.ts'},
	format: 'cjs',
	outExtension: {'.js': '.cjs'},
	define: {'import.meta.url': '__netcrabLauncherUrl'},
	banner: {js: "const __netcrabLauncherUrl = require('node:url').pathToFileURL(__filename).href;"},
	plugins: [
		{
			name: 'launcher-imports-main',
			setup(builder) {
				builder.onResolve({filter: /^\.\/cli\.js$/}, () => ({path: './main.js', external: true}));
			},
		},
	],
});
// What each output holds (read by test/ui/lazy-load.test.ts); kept outside the shipped folder.
const metafile = {
	inputs: {...program.metafile.inputs, ...launcher.metafile.inputs},
	outputs: {...program.metafile.outputs, ...launcher.metafile.outputs},
};
writeFileSync(`${root}dist/bundle-meta.json`, JSON.stringify(metafile));

// The bundled packages' licenses travel with their code (MIT and ISC ask for the notice).
// Each package's own folder, read from its inputs' paths (the last node_modules/ in a path: a nested
// copy keeps its own version and license; the paths start with ../ when node_modules is a link).
const packages = new Map(
	Object.keys(metafile.inputs).flatMap(input => {
		const found = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
		return found ? [[path.resolve(root, found[1]), found[2]]] : [];
	}),
);
const notices = [...packages]
	.sort(([, a], [, b]) => a.localeCompare(b))
	.map(([directory, name]) => {
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
