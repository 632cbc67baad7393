// Whether the terminal can hold the full-screen UI: it needs cursor addressing, which TERM=dumb
// (Emacs shell buffers, some CI consoles) and an unknown or unset TERM do not promise. Pure.

/** Why the full-screen UI cannot run on this terminal, or undefined when it can. */
export function fullScreenUnsupported(env: NodeJS.ProcessEnv): string | undefined {
	const term = env['TERM'];
	if (term === undefined || term === '') return 'TERM is not set';
	if (term === 'dumb' || term === 'unknown') return `TERM=${term} has no cursor addressing`;
	return undefined;
}
