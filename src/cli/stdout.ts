/**
 * Standard output as the door it is. A reader that closes the pipe early (`| head -1`) is saying
 * "enough": the run ends at once, quietly, with status 141 (128 + SIGPIPE, what `seq | head -1`
 * gives), removing any temporary file of `--out`/`--html` on the way. A standard output that was
 * never open (`>&-`) is an error: Node.js reopens a closed descriptor 1 on /dev/null before any
 * script runs, which would throw the data away in silence, so the tool looks for that and refuses.
 */
import { fstatSync, readFileSync, statSync } from "node:fs";
import { describeError, OutputError } from "./errors.js";

/** The exit status of a run cut short by its reader: 128 + SIGPIPE(13), as coreutils give. */
export const BROKEN_PIPE_STATUS = 141;

/** True when the error is the reader having gone away. */
export function isBrokenPipe(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}

/** Ends the process quietly for a closed pipe (exit hooks still run and remove temporary files). */
export function endForBrokenPipe(): never {
  process.exit(BROKEN_PIPE_STATUS);
}

let guarded = false;

/**
 * Installs the 'error' handlers of standard output and standard error once: a broken pipe ends
 * the run quietly; any other error on standard output is one line on standard error and exit 1.
 */
export function guardStandardStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (isBrokenPipe(error)) endForBrokenPipe();
    try {
      process.stderr.write(
        `gibbs-softmax: cannot write to standard output: ${describeError(error)}\n`,
      );
    } finally {
      process.exit(1);
    }
  });
  // Nothing can be reported once standard error itself fails; never crash on it.
  process.stderr.on("error", () => {});
}

/**
 * True when descriptor 1 is the /dev/null that Node.js opens (read-write) in place of a closed
 * standard output. A shell's `> /dev/null` opens it write-only and is not mistaken for this.
 */
export function standardOutputWasClosed(): boolean {
  return wasClosed(1);
}

/**
 * True when descriptor `fd` (0, 1 or 2) is the /dev/null that Node.js opens read-write in place
 * of a closed one (`<&-`, `>&-`); a shell's `< /dev/null` or `> /dev/null` opens it one way only.
 */
export function wasClosed(fd: number): boolean {
  try {
    const out = fstatSync(fd);
    if (!out.isCharacterDevice() || out.rdev !== statSync("/dev/null").rdev) return false;
    const info = readFileSync(`/proc/self/fdinfo/${fd}`, "utf8");
    const flags = /^flags:\s*([0-7]+)/m.exec(info)?.[1];
    return flags !== undefined && (Number.parseInt(flags, 8) & 3) === 2; // O_RDWR
  } catch {
    return false;
  }
}

/** Refuses to write data to a standard output that was never open (exit code 1). */
export function checkStandardOutput(): void {
  if (standardOutputWasClosed()) {
    throw new OutputError(
      "standard output is closed (>&-), so the data would be lost; give --out FILE, or redirect to /dev/null to discard it",
    );
  }
}
