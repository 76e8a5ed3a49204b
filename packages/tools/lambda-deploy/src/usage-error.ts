/** A mistake in the command line: the CLI answers it with the usage hint and exit code 2. */
export class UsageError extends Error {}
