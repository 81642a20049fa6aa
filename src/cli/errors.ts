/**
 * The CLI's error policy: a UsageError is the user's to fix (bad flag, bad value, missing file)
 * and exits with code 2 and its message alone; anything else exits with code 1. Library
 * RangeError/TypeError messages name the argument, so they are usage errors too. An OutputError
 * (the data could not be written: a full disk, a missing folder, no permission, an I/O error, a
 * closed standard output) exits with code 1. No stack traces reach the user.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The data could not be delivered; the message names the path and the cause. Exit code 1. */
export class OutputError extends Error {
  override name = "OutputError";
}

/** Exit code for an error: 2 for bad usage or bad input, 1 for anything else. */
export function exitCode(error: unknown): number {
  if (error instanceof UsageError || error instanceof RangeError || error instanceof TypeError)
    return 2;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("commander.")) return 2;
  return 1;
}

/** The one-line message shown for an error. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** "no such file or directory (ENOENT)" from a Node error. */
export function describeError(error: NodeJS.ErrnoException): string {
  const text = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  return error.code === undefined ? text : `${text} (${error.code})`;
}
