// A mistake in how the command was called: one line, exit status 2.
export class UsageError extends Error {}
