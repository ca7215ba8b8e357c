/** A user-facing problem with the input as a whole: reported on stderr, exit 1. */
export class InputError extends Error {}
