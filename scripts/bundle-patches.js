// Small source edits to bundled packages, for the UI's start-up; each keeps the package's behaviour.
// A patch whose text is no longer in the package fails the build, so an upgrade is noticed instead
// of silently bringing the cost back (then check whether the new version still needs it).
import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';

/**
 * Yoga (Ink's layout engine) embeds its WebAssembly as a data: URL and, when fetch() exists, reads
 * it through fetch(): on Node that loads undici and parses the URL, about 30 ms of the UI's first
 * frame. With fetch shadowed in that one module it decodes the same bytes itself instead.
 */
const yogaWithoutFetch = {
	file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
	edit: (source, path) => `var fetch;\n${yogaBase64ByBuffer(source, path)}`,
};

/** ...and decodes them with Buffer, in native code, not atob() and a loop over 70,000 characters. */
const yogaBase64ByBuffer = replacing(
	'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
	'var d=Buffer.from(a.slice(37),"base64")',
);

/**
 * string-width 8 builds its RGI_Emoji regular expression (a set of several thousand sequences)
 * when it loads: 20 to 30 ms of the UI's start-up, spent before the first frame, which is plain
 * ASCII and never reaches it (string-width answers ASCII without it). Built on first use instead.
 */
const stringWidthLazyEmoji = {
	file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
	// wrap-ansi's own string-width 7 has no such regular expression.
	versions: /^8\./,
	edit: replacing(
		'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
		'let rgiEmojiRegexBuilt;\nconst rgiEmojiRegex = {test: text => (rgiEmojiRegexBuilt ??= /^\\p{RGI_Emoji}$/v).test(text)};',
	),
};

/**
 * Ink turns every frame into a string cell by cell, asking @alcalzone/ansi-tokenize for the codes
 * between each two cells; each answer builds three Sets. Most cells of a frame are unstyled, and
 * between two unstyled cells the answer is always empty: said at once, the first frame (drawn
 * with cold code) and every later one cost less.
 */
const ansiTokenizeUnstyledCells = {
	file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/,
	edit: replacing(
		'export function diffAnsiCodes(from, to) {\n',
		'export function diffAnsiCodes(from, to) {\n    if (from.length === 0 && to.length === 0)\n        return [];\n',
	),
};

/**
 * Ink draws only its last frame, at exit, when CI or CONTINUOUS_INTEGRATION is set (is-in-ci). The
 * UI starts only after checking that stdin and stdout are terminals, so a CI variable left in
 * someone's shell (dev containers set it) would only leave the screen blank for the whole run.
 */
const inkDrawsOnTerminals = {
	file: /[\\/]is-in-ci[\\/]index\.js$/,
	edit: replacing("const isInCi = check('CI') || check('CONTINUOUS_INTEGRATION');", 'const isInCi = false;'),
};

function replacing(from, to) {
	return (source, path) => {
		if (!source.includes(from)) throw new Error(`bundle patch: ${path} no longer contains ${JSON.stringify(from)}`);
		return source.replace(from, to);
	};
}

/** The version in the package.json of the package a file belongs to (its nearest one). */
async function packageVersion(file) {
	for (let directory = dirname(file); directory !== dirname(directory); directory = dirname(directory)) {
		try {
			return JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')).version ?? '';
		} catch (error) {
			if (error.code !== 'ENOENT') throw error;
		}
	}
	return '';
}

/** The esbuild plugin applying every patch above to the file it names. */
export const dependencyPatches = {
	name: 'dependency-patches',
	setup(builder) {
		for (const patch of [yogaWithoutFetch, stringWidthLazyEmoji, ansiTokenizeUnstyledCells, inkDrawsOnTerminals]) {
			builder.onLoad({filter: patch.file}, async ({path}) => {
				if (patch.versions && !patch.versions.test(await packageVersion(path))) return undefined;
				return {contents: patch.edit(await readFile(path, 'utf8'), path), loader: 'js'};
			});
		}
	},
};
