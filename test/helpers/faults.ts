/**
 * Real faults for the CLI's door tests: a small tmpfs that can be filled, a loop-mounted ext2
 * image whose device is cut short under it (writes then fail with EIO at fsync), FIFOs, device
 * nodes and symlinks in a temporary folder, and the CLI spawned as users run it. Mounting needs
 * root: outside CI a test that needs it says so and skips; under CI=true (root, a fresh machine)
 * it runs, and a machine that cannot mount fails it. Everything made is removed by `cleanup()`.
 */
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..");
export const main = join(root, "dist", "cli", "main.js");
export const CI = process.env.CI === "true";

function sh(command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: "utf8" });
}

/** Why privileged faults cannot be made here, or undefined when they can. */
export function cannotMount(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root to mount a tmpfs and make device nodes";
  const probe = mkdtempSync(join(tmpdir(), "gibbs-mount-probe-"));
  try {
    const r = sh("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]);
    if (r.status !== 0) return `mount failed: ${r.stderr.trim()}`;
    sh("umount", [probe]);
    return undefined;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Says plainly that a test is skipped, and why; under CI=true nothing may be skipped. */
export function runsHere(what: string, why: string | undefined): boolean {
  if (why === undefined || CI) return true;
  console.warn(`skipped (${what}): ${why}; it runs under CI=true`);
  return false;
}

/** A scratch folder with the mounts and loop devices made in it, all undone by cleanup(). */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), "gibbs-doors-"));
  private readonly mounts: string[] = [];
  private readonly loops: string[] = [];

  path(name: string): string {
    return join(this.dir, name);
  }

  /** A tmpfs of `size` (e.g. "64k") at a new folder. */
  tmpfs(name: string, size: string, options = ""): string {
    const at = this.path(name);
    mkdirSync(at, { recursive: true });
    run("mount", ["-t", "tmpfs", "-o", `size=${size}${options ? `,${options}` : ""}`, "tmpfs", at]);
    this.mounts.push(at);
    return at;
  }

  /** Fills a filesystem: one file takes every free block. */
  fill(at: string): void {
    spawnSync("sh", ["-c", `cat /dev/zero > "${at}/.filler"`], { stdio: "ignore" });
  }

  /**
   * An ext2 filesystem (4 MiB, 1 KiB blocks) on a loop device, mounted; `cut()` then shrinks the
   * device to its first 300 KiB, so every later data write lands beyond its end and fails with EIO
   * when it is flushed (the kernel: "attempt to access beyond end of device").
   */
  ext2(name: string): { at: string; cut: () => void } {
    const image = this.path(`${name}.img`);
    run("truncate", ["-s", "4M", image]);
    run("mkfs.ext2", ["-q", "-F", "-b", "1024", image]);
    const loop = run("losetup", ["-f", "--show", image]).stdout.trim();
    this.loops.push(loop);
    const at = this.path(name);
    mkdirSync(at, { recursive: true });
    run("mount", [loop, at]);
    this.mounts.push(at);
    return {
      at,
      cut: () => {
        run("sync", []);
        run("truncate", ["-s", "300K", image]);
        run("losetup", ["-c", loop]);
      },
    };
  }

  /** Unmounts and detaches everything, then removes the folder. */
  cleanup(): void {
    for (const at of this.mounts.reverse()) spawnSync("umount", ["-l", at]);
    for (const loop of this.loops) spawnSync("losetup", ["-d", loop]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Names of temporary files the CLI may have left in a folder. */
  leftovers(folder = this.dir): string[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder).filter((n) => n.endsWith(".tmp"));
  }
}

function run(command: string, args: string[]): SpawnSyncReturns<string> {
  const r = sh(command, args);
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed: ${r.stderr.trim() || r.status}`);
  return r;
}

/** The CLI as users run it (node dist/cli/main.js), run to the end. */
export function cli(args: string[], options: { cwd?: string; input?: string } = {}) {
  if (!existsSync(main)) throw new Error("dist/ is missing: run `npm run build` first");
  const r = spawnSync(process.execPath, [main, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    input: options.input,
    timeout: 120_000,
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** A shell command line (bash), run to the end; MAIN is the CLI's path. */
export function bash(script: string, cwd?: string) {
  const r = spawnSync("bash", ["-c", script], {
    encoding: "utf8",
    cwd,
    env: { ...process.env, MAIN: main, NODE: process.execPath },
    timeout: 120_000,
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Starts the CLI without waiting; the caller ends it. */
export function start(args: string[], cwd?: string) {
  return spawn(process.execPath, [main, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
}
