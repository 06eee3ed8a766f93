/** A mistake in how the command was called, or a broken config: exit code 2. */
export class UsageError extends Error {}
