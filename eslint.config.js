// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, without type
// information so `npm test` stays quick. Formatting is prettier's job (`npm run format`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config({ignores: ['dist/', 'node_modules/']}, js.configs.recommended, ...tseslint.configs.recommended, {
	languageOptions: {globals: globals.node, ecmaVersion: 2022, sourceType: 'module'},
	linterOptions: {reportUnusedDisableDirectives: 'error'},
	rules: {
		// A terminal and netcat tool matches control bytes on purpose.
		'no-control-regex': 'off',
		// `catch {}` marks a failure that does not matter (a process already gone).
		'no-empty': ['error', {allowEmptyCatch: true}],
		// `list?.push(x) ?? map.set(key, [x])` is an idiom in the bench.
		'@typescript-eslint/no-unused-expressions': ['error', {allowShortCircuit: true}],
		// `let x;` read by a closure made before `x = ...` (a callback that needs the later object).
		'prefer-const': ['error', {ignoreReadBeforeAssign: true}],
		// Tests match hex dumps and aligned columns, where the spaces are the point.
		'no-regex-spaces': 'off',
		// Escapes that are redundant but harmless (`[\[]`); not worth churn in shared files.
		'no-useless-escape': 'off',
	},
});
