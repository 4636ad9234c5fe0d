/** A usage mistake: exit code 2 and a sentence that names the flag. */
export class UsageError extends Error {}
