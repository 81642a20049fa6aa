/**
 * Where the CLI's data goes (`--out FILE`, `--html FILE`, or standard output), delivered whole or
 * not at all. Three ways, picked when the Sink is made:
 *
 * - **standard output** (no file, `-`, `/dev/stdout`, `/dev/fd/1`): written as it comes. A reader
 *   that closes the pipe ends the run quietly (status 141, see stdout.ts); a standard output that
 *   was never open is an error.
 * - **a regular file, or a name that does not exist yet**: symlinks are followed to the real
 *   target; the data goes to a temporary file beside it (`.NAME.PID.RANDOM.tmp`, created with the
 *   target's permissions and owner), which is flushed to disk (fsync) and renamed over the target
 *   only by `commit()`. Any error (full disk, missing folder, no permission, I/O error), an
 *   `abort()`, a signal or any other exit removes the temporary file and leaves the old target
 *   byte for byte; a symlink stays a link.
 * - **anything else** (a FIFO, a character device, a socket, `/dev/fd/N`): written directly,
 *   streaming, never renamed over.
 *
 * This is `write-file-atomic`'s recipe (realpath, temporary sibling, chown/chmod, fsync, rename,
 * `signal-exit` cleanup), kept by hand because that library takes the whole content at once and a
 * sweep's output is streamed. Writes are gathered into 64 KiB blocks; every wait ends on success,
 * 'error' or 'close', so a write never waits forever.
 *
 * API for commands: `const sink = new Sink(path, "--out")` (throws an OutputError at once for a
 * missing folder, a directory, a closed standard output…), `await sink.write(text or bytes)` any
 * number of times, then `await sink.commit()`; on any failure call `sink.abort()`. Errors are
 * OutputError (exit code 1) whose one-line message names the flag, the path and the cause.
 */
import {
  accessSync,
  close as closeFd,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsync,
  fsyncSync,
  lstatSync,
  open,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  write as writeFd,
} from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { promisify } from "node:util";
import { describeError, OutputError } from "./errors.js";
import { removeOnExit } from "./signals.js";
import { checkStandardOutput, endForBrokenPipe, isBrokenPipe } from "./stdout.js";

const openAsync = promisify(open);
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(closeFd);
const writeAsync = (fd: number, buffer: Buffer, offset: number, length: number) =>
  new Promise<number>((resolve, reject) =>
    writeFd(fd, buffer, offset, length, null, (error, written) =>
      error ? reject(error) : resolve(written),
    ),
  );

/** Bytes gathered before a write reaches the operating system. */
const BLOCK = 64 * 1024;

/** Names of standard output, which is never opened as a file. */
const STANDARD_OUTPUT = new Set(["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]);

type Way =
  | { kind: "stdout" }
  | { kind: "direct"; fd: Promise<number>; owned: boolean }
  | { kind: "atomic"; fd: number; temp: string; final: string; cancel: () => void };

export class Sink {
  /** True when the data goes to a terminal (a command may refuse binary output there). */
  readonly terminal: boolean;
  private readonly way: Way;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private state: "open" | "committed" | "aborted" = "open";

  /**
   * @param target a path, `-` or undefined for standard output.
   * @param flag the flag that named it, for messages (`--out`, `--html`).
   */
  constructor(
    private readonly target: string | undefined,
    private readonly flag = "--out",
  ) {
    if (target === undefined || STANDARD_OUTPUT.has(target)) {
      checkStandardOutput();
      this.way = { kind: "stdout" };
      this.terminal = process.stdout.isTTY === true;
      return;
    }
    this.terminal = false;
    const descriptor = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(target)?.[1];
    if (descriptor !== undefined || target === "/dev/stderr") {
      // A descriptor the caller opened: write to it as it is (append mode and all).
      this.way = { kind: "direct", fd: Promise.resolve(Number(descriptor ?? 2)), owned: false };
      return;
    }
    let shown: Stats | undefined;
    try {
      shown = statSync(target, { throwIfNoEntry: false });
    } catch (error) {
      throw this.failure(error);
    }
    if (shown?.isDirectory())
      throw new OutputError(`${flag}: ${JSON.stringify(target)} is a directory, not a file`);
    if (shown !== undefined && !shown.isFile()) {
      // A FIFO, a device or a socket: opened as it is (a FIFO waits here for its reader).
      const fd = openAsync(target, constants.O_WRONLY);
      fd.catch(() => {}); // reported by the first write
      this.way = { kind: "direct", fd, owned: true };
      return;
    }
    const final = this.followLinks(target);
    if (shown !== undefined) {
      // A file the user may not write (chmod a-w) is refused as the shell's `>` refuses it: the
      // rename below needs only the folder's permission and would replace it anyway.
      try {
        accessSync(final, constants.W_OK);
      } catch (error) {
        throw this.failure(error);
      }
    }
    const temp = join(
      dirname(final),
      `.${basename(final)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`,
    );
    // Registered before the file exists and created synchronously, so no signal can fall between.
    const cancel = removeOnExit(temp);
    let fd: number | undefined;
    try {
      const mode = shown === undefined ? 0o666 : shown.mode & 0o7777;
      fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
      if (shown !== undefined) {
        fchmodSync(fd, mode); // exactly the old mode, whatever the umask
        if (shown.uid !== process.getuid?.() || shown.gid !== process.getgid?.()) {
          try {
            fchownSync(fd, shown.uid, shown.gid);
          } catch {
            // Only root may give a file away; others keep their own ownership, as cp does.
          }
        }
      }
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
      cancel();
      const e = error as NodeJS.ErrnoException;
      if (e.code === "ENOENT") {
        // The folder may exist and still refuse new files (/proc, /sys): say which it is.
        const folder = dirname(final);
        const exists = statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true;
        throw new OutputError(
          exists
            ? `${flag}: cannot write ${JSON.stringify(target)}: the folder ${JSON.stringify(folder)} takes no new files (ENOENT)`
            : `${flag}: cannot write ${JSON.stringify(target)}: no such folder ${JSON.stringify(folder)} (ENOENT)`,
        );
      }
      throw this.failure(error);
    }
    this.way = { kind: "atomic", fd, temp, final, cancel };
  }

  /** Writes text (UTF-8) or bytes. Rejects with an OutputError; a broken pipe ends the run. */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.state !== "open") throw new OutputError(`${this.flag}: the output is already closed`);
    // Bytes are copied, so the caller may reuse its array at once.
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= BLOCK) await this.flush();
  }

  /** Delivers everything: flushes, and for a file syncs it to disk and renames it into place. */
  async commit(): Promise<void> {
    if (this.state !== "open") return;
    try {
      await this.flush();
      const way = this.way;
      if (way.kind === "atomic") {
        await fsyncAsync(way.fd);
        await closeAsync(way.fd);
        renameSync(way.temp, way.final);
        way.cancel();
        syncFolder(dirname(way.final));
      } else if (way.kind === "direct" && way.owned) {
        await closeAsync(await way.fd);
      }
      this.state = "committed";
    } catch (error) {
      this.abort();
      throw this.failure(error);
    }
  }

  /** Abandons the output: removes the temporary file, leaving any previous target as it was. */
  abort(): void {
    if (this.state !== "open") return;
    this.state = "aborted";
    this.pending = [];
    const way = this.way;
    if (way.kind === "atomic") {
      try {
        closeSync(way.fd);
      } catch {
        // already closed by a failed commit
      }
      rmSync(way.temp, { force: true });
      way.cancel();
    } else if (way.kind === "direct" && way.owned) {
      way.fd.then(closeSync, () => {}).catch(() => {});
    }
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const block = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    if (block === undefined) return;
    try {
      const way = this.way;
      if (way.kind === "stdout") await toStdout(block);
      else await writeAll(way.kind === "atomic" ? way.fd : await way.fd, block);
    } catch (error) {
      if (isBrokenPipe(error)) {
        this.abort();
        endForBrokenPipe();
      }
      this.abort();
      throw this.failure(error);
    }
  }

  /** Follows a chain of symlinks to the path that will be replaced (which may not exist yet). */
  private followLinks(path: string): string {
    let p = path;
    for (let hops = 0; hops < 40; hops++) {
      let st: Stats | undefined;
      try {
        st = lstatSync(p, { throwIfNoEntry: false });
      } catch (error) {
        throw this.failure(error);
      }
      if (st === undefined || !st.isSymbolicLink()) return p;
      const link = readlinkSync(p);
      p = isAbsolute(link) ? link : join(dirname(p), link);
    }
    throw new OutputError(
      `${this.flag}: cannot write ${JSON.stringify(path)}: too many levels of symbolic links (ELOOP)`,
    );
  }

  private failure(error: unknown): OutputError {
    if (error instanceof OutputError) return error;
    const cause = describeError(error as NodeJS.ErrnoException);
    if (this.way?.kind === "stdout")
      return new OutputError(`cannot write to standard output: ${cause}`);
    return new OutputError(`${this.flag}: cannot write ${JSON.stringify(this.target)}: ${cause}`);
  }
}

async function writeAll(fd: number, block: Buffer): Promise<void> {
  let offset = 0;
  while (offset < block.length) {
    offset += await writeAsync(fd, block, offset, block.length - offset);
  }
}

/** Writes to standard output; settles on the write's callback, an error or a close. */
function toStdout(block: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const out = process.stdout;
    if (out.destroyed) {
      reject(Object.assign(new Error("standard output is closed"), { code: "EPIPE" }));
      return;
    }
    const onError = (error: Error) => {
      out.off("close", onClose);
      reject(error);
    };
    const onClose = () => {
      out.off("error", onError);
      reject(Object.assign(new Error("standard output is closed"), { code: "EPIPE" }));
    };
    out.once("error", onError);
    out.once("close", onClose);
    out.write(block, (error) => {
      out.off("error", onError);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Makes a rename durable (best effort: some filesystems refuse to sync a folder). */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every filesystem can sync a folder; the data itself is already on disk
  }
}
