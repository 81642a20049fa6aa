/**
 * The CLI's doors against real faults, never mocks: a real tmpfs filled up, a real I/O error
 * (EIO) from a loop device cut short under a mounted ext2, a real read-only mount, a real
 * process without permission (root with every capability dropped by setpriv), real FIFOs, real
 * device nodes (mknod copies of /dev/null and /dev/full), symlinks, real signals sent to a running CLI in the middle of a write, and real
 * pipes closed by their reader. Every test removes what it mounts or creates. Tests that need root
 * say so and skip outside CI; under CI=true (root) they run. See docs/reliability.md.
 */
import { once } from "node:events";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bash, cannotMount, cli, main, runsHere, Scratch, start } from "./helpers/faults.js";

const why = cannotMount();
const privileged = runsHere("real mounts, devices and other users", why);
let s: Scratch;

beforeAll(() => {
  if (!existsSync(main)) throw new Error("dist/ is missing: run `npm run build` first");
  s = new Scratch();
  chmodSync(s.dir, 0o755);
});
afterAll(() => s?.cleanup());

/** One line on standard error, naming the path and the cause; no stack trace. */
function oneLine(err: string, path: string, cause: RegExp): void {
  const lines = err.trimEnd().split("\n");
  expect(lines.length, err).toBe(1);
  expect(lines[0]).toMatch(/^gibbs-softmax: --(out|html): cannot write /);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(cause);
}

const SEED = "index,logit,probability\n0,1,0.2689414213699951\n1,2,0.7310585786300049\n";
// A sweep that writes a few hundred kilobytes.
const BIG = ["sweep", "--model", "oscillator", "--levels", "20", "--from", "0.1", "--to", "10"];
const BIG_ARGS = [...BIG, "--points", "2000", "--probabilities"];

describe("--out and --html: a write error exits 1, keeps the old file, leaves no temporary", () => {
  it.runIf(privileged)("a full tmpfs (64 KiB): small and large output, --out and --html", () => {
    const full = s.tmpfs("full", "64k");
    writeFileSync(join(full, "res.csv"), "old result\n");
    writeFileSync(join(full, "r.html"), "old report\n");
    s.fill(full);
    for (const args of [
      ["softmax", "1", "2", "--out", "res.csv"],
      [...BIG_ARGS, "--out", "res.csv"],
      ["sweep", "--model", "two-level", "--from", "1", "--to", "2", "--html", "r.html"],
    ]) {
      const r = cli(args, { cwd: full });
      expect(r.code, r.err).toBe(1);
      const target = args.includes("--html") ? "r.html" : "res.csv";
      oneLine(r.err, target, /no space left on device \(ENOSPC\)$/);
      expect(readFileSync(join(full, "res.csv"), "utf8")).toBe("old result\n");
      expect(readFileSync(join(full, "r.html"), "utf8")).toBe("old report\n");
      expect(s.leftovers(full)).toEqual([]);
    }
  });

  it.runIf(privileged)(
    "a real I/O error (EIO): an ext2 image whose loop device is cut short",
    () => {
      const { at, cut } = s.ext2("eio");
      writeFileSync(join(at, "res.csv"), "old result\n");
      cut();
      const r = cli([...BIG_ARGS, "--out", "res.csv"], { cwd: at });
      expect(r.code, r.err).toBe(1);
      oneLine(r.err, "res.csv", /i\/o error \(EIO\)$/);
      expect(readFileSync(join(at, "res.csv"), "utf8")).toBe("old result\n");
      expect(s.leftovers(at)).toEqual([]);
    },
  );

  it.runIf(privileged)("a read-only filesystem (EROFS)", () => {
    const ro = s.tmpfs("ro", "64k", "ro");
    const r = cli(["softmax", "1", "2", "--out", "res.csv"], { cwd: ro });
    expect(r.code).toBe(1);
    oneLine(r.err, "res.csv", /read-only file system \(EROFS\)$/);
  });

  it.runIf(privileged)(
    "no permission: a folder owned by another user, root without capabilities (EACCES)",
    () => {
      // The folder belongs to nobody (0755) and the CLI runs as uid 0 with every capability
      // dropped (no CAP_DAC_OVERRIDE), so the kernel refuses the write as for any other user.
      // Switching to another user instead would also need the checkout to be readable by that
      // user, which a clone under /root or in a 0700 temporary folder is not.
      const locked = s.path("locked");
      mkdirSync(locked, { mode: 0o755 });
      writeFileSync(join(locked, "res.csv"), "old result\n");
      chownSync(locked, 65534, 65534);
      const r = bash(
        `setpriv --inh-caps=-all --bounding-set=-all "$NODE" "$MAIN" softmax 1 2 --out ${locked}/res.csv`,
      );
      expect(r.code, r.err).toBe(1);
      oneLine(r.err, "res.csv", /permission denied \(EACCES\)$/);
      expect(readFileSync(join(locked, "res.csv"), "utf8")).toBe("old result\n");
      expect(s.leftovers(locked)).toEqual([]);
    },
  );

  it.runIf(privileged)(
    "a read-only file (0444) in a folder that may be written: refused as the shell's > refuses it (EACCES)",
    () => {
      // Renaming over the file needs only the folder's permission; the file's own (chmod a-w,
      // the user's protection) is honoured as by `>`. Root without capabilities is any user.
      const kept = s.path("kept-ro.csv");
      writeFileSync(kept, "old result\n");
      chmodSync(kept, 0o444);
      const drop = "setpriv --inh-caps=-all --bounding-set=-all";
      const shell = bash(`${drop} bash -c 'echo new > ${kept}'`);
      expect(shell.code, "the shell refuses too").not.toBe(0);
      const r = bash(`${drop} "$NODE" "$MAIN" softmax 1 2 --out ${kept}`);
      expect(r.code, r.err).toBe(1);
      oneLine(r.err, "kept-ro.csv", /permission denied \(EACCES\)$/);
      expect(readFileSync(kept, "utf8")).toBe("old result\n");
      expect(statSync(kept).mode & 0o777).toBe(0o444);
      expect(s.leftovers()).toEqual([]);
    },
  );

  it("a missing folder: --out and --html fail before any work, naming the folder", () => {
    writeFileSync(s.path("kept.csv"), "old result\n");
    const out = cli(["softmax", "1", "2", "--out", "no/such/dir/res.csv"], { cwd: s.dir });
    expect(out.code).toBe(1);
    oneLine(out.err, "no/such/dir/res.csv", /no such folder "no\/such\/dir" \(ENOENT\)$/);
    const html = cli(
      ["sweep", "--model", "two-level", "--from", "1", "--to", "2"].concat([
        "--out",
        "kept.csv",
        "--html",
        "missing/r.html",
      ]),
      { cwd: s.dir },
    );
    expect(html.code).toBe(1);
    oneLine(html.err, "missing/r.html", /ENOENT/);
    expect(readFileSync(s.path("kept.csv"), "utf8")).toBe("old result\n");
    expect(s.leftovers()).toEqual([]);
  });

  it("a folder that exists but takes no new files (/proc): named as such, not as missing", () => {
    const r = cli(["softmax", "1", "2", "--out", "/proc/version"]);
    expect(r.code).toBe(1);
    oneLine(r.err, "/proc/version", /the folder "\/proc" takes no new files \(ENOENT\)$/);
    expect(readFileSync("/proc/version", "utf8")).toMatch(/^Linux version /);
  });
});

describe("--out follows symlinks, keeps permissions and owner", () => {
  it("a symlink (and a chain of two) stays a link; its target is replaced and keeps mode 0600", () => {
    writeFileSync(s.path("target.csv"), "old\n", { mode: 0o600 });
    chmodSync(s.path("target.csv"), 0o600);
    symlinkSync("target.csv", s.path("link.csv"));
    symlinkSync("link.csv", s.path("link2.csv"));
    for (const name of ["link.csv", "link2.csv"]) {
      const r = cli(["softmax", "1", "2", "--out", name], { cwd: s.dir });
      expect(r.code, r.err).toBe(0);
      expect(lstatSync(s.path(name)).isSymbolicLink()).toBe(true);
      expect(readFileSync(s.path("target.csv"), "utf8")).toBe(SEED);
      expect(statSync(s.path("target.csv")).mode & 0o777).toBe(0o600);
    }
    expect(s.leftovers()).toEqual([]);
  });

  it("a dangling symlink: the file it names is created, the link stays", () => {
    symlinkSync("created.csv", s.path("dangling.csv"));
    const r = cli(["softmax", "1", "2", "--out", "dangling.csv"], { cwd: s.dir });
    expect(r.code, r.err).toBe(0);
    expect(lstatSync(s.path("dangling.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(s.path("created.csv"), "utf8")).toBe(SEED);
  });

  it.runIf(privileged)("an existing file keeps its owner, group and mode (0640, uid 1234)", () => {
    const f = s.path("owned.csv");
    writeFileSync(f, "old\n");
    chmodSync(f, 0o640);
    chownSync(f, 1234, 2345);
    const r = cli(["softmax", "1", "2", "--out", f]);
    expect(r.code, r.err).toBe(0);
    const st = statSync(f);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1234, 2345, 0o640]);
    expect(readFileSync(f, "utf8")).toBe(SEED);
  });
});

describe("targets that are not regular files are written directly, never renamed over", () => {
  it.runIf(privileged)("a character device: a copy of /dev/null (1,3) takes the data", () => {
    const dev = s.path("null");
    bash(`mknod ${dev} c 1 3`);
    const r = cli(["softmax", "1", "2", "--out", dev]);
    expect(r.code, r.err).toBe(0);
    const st = lstatSync(dev);
    expect(st.isCharacterDevice()).toBe(true);
    expect(st.rdev).toBe(statSync("/dev/null").rdev);
    expect(s.leftovers()).toEqual([]);
  });

  it.runIf(privileged)("a copy of /dev/full (1,7): ENOSPC is exit 1, and the device stays", () => {
    const dev = s.path("full-device");
    bash(`mknod ${dev} c 1 7`);
    const r = cli(["softmax", "1", "2", "--out", dev]);
    expect(r.code).toBe(1);
    oneLine(r.err, "full-device", /no space left on device \(ENOSPC\)$/);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
  });

  it("a FIFO: its reader gets every byte, streaming, and it stays a FIFO", () => {
    const fifo = s.path("fifo");
    bash(`mkfifo ${fifo}`);
    const r = bash(
      `cat ${fifo} > ${s.path("got.csv")} & "$NODE" "$MAIN" ${BIG_ARGS.join(" ")} --out ${fifo}; echo $? > ${s.path("status")}; wait`,
    );
    expect(r.err).toBe("");
    expect(readFileSync(s.path("status"), "utf8").trim()).toBe("0");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const file = cli([...BIG_ARGS, "--out", s.path("direct.csv")]);
    expect(file.code).toBe(0);
    expect(readFileSync(s.path("got.csv"), "utf8")).toBe(
      readFileSync(s.path("direct.csv"), "utf8"),
    );
  });

  it("a FIFO whose reader stops after one line: the run ends quietly (141)", () => {
    const fifo = s.path("fifo-head");
    bash(`mkfifo ${fifo}`);
    const r = bash(
      `head -1 ${fifo} > /dev/null & "$NODE" "$MAIN" sweep --energies 0,1 --from 1 --to 2 --points 200000 --out ${fifo}; echo "status $?"; wait`,
    );
    expect(r.out).toBe("status 141\n");
    expect(r.err).toBe("");
  });

  it("/dev/stdout and - are standard output; /dev/stdout stays what it was", () => {
    const before = lstatSync("/dev/stdout").isSymbolicLink();
    for (const target of ["/dev/stdout", "-"]) {
      const r = bash(`"$NODE" "$MAIN" softmax 1 2 --out ${target} | cat`);
      expect(r.out).toBe(SEED);
      expect(r.err).toBe("");
    }
    expect(lstatSync("/dev/stdout").isSymbolicLink()).toBe(before);
  });
});

describe("signals during --out remove the temporary file and end with the conventional status", () => {
  const huge = [
    "sweep",
    "--model",
    "oscillator",
    "--levels",
    "200",
    "--from",
    "0.1",
    "--to",
    "10",
    "--points",
    "1000000",
    "--probabilities",
    "--out",
    "big.csv",
  ];
  for (const [signal, status] of [
    ["INT", 130],
    ["TERM", 143],
    ["HUP", 129],
  ] as const) {
    it(`SIG${signal} mid-write: exit status ${status}, old file byte for byte, no temporary`, () => {
      const dir = s.path(`signal-${signal}`);
      mkdirSync(dir);
      writeFileSync(join(dir, "big.csv"), "old result\n");
      // The shell starts the sweep, waits until its temporary file holds data, sends the signal
      // and reports the status it sees (what a user's shell would print as $?).
      const r = bash(
        `"$NODE" "$MAIN" ${huge.join(" ")} & pid=$!
         for i in $(seq 1 600); do
           [ -n "$(find . -maxdepth 1 -name '.big.csv.*.tmp' -size +0)" ] && break; sleep 0.05
         done
         kill -${signal} $pid; wait $pid; echo "status $?"`,
        dir,
      );
      expect(r.out).toBe(`status ${status}\n`);
      expect(readFileSync(join(dir, "big.csv"), "utf8")).toBe("old result\n");
      expect(s.leftovers(dir)).toEqual([]);
    });
  }

  it("SIGTERM while waiting on a FIFO nobody reads: ends by the signal, the FIFO stays", async () => {
    const fifo = s.path("fifo-unread");
    bash(`mkfifo ${fifo}`);
    const child = start(["sweep", "--energies", "0,1", "--from", "1", "--to", "2", "--out", fifo]);
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGTERM");
    const [code, sig] = await once(child, "exit");
    expect([code, sig]).toEqual([null, "SIGTERM"]);
    expect(Buffer.concat(err).toString()).toBe("");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(s.leftovers()).toEqual([]);
  });
});

describe("pipes: a reader that closes early ends the run quietly", () => {
  it("sweep --points 200000 | head -1: the header, status 141, nothing on standard error", () => {
    const r = bash(
      `"$NODE" "$MAIN" sweep --energies 0,1 --from 1 --to 2 --points 200000 | head -1; echo "status \${PIPESTATUS[0]}" >&2`,
    );
    expect(r.out).toBe(
      "temperature,logZ,freeEnergy,internalEnergy,entropy,heatCapacity,energyVariance\n",
    );
    expect(r.err).toBe("status 141\n");
  });

  it("--help into a pipe already closed: status 0 or 141, nothing on standard error", () => {
    for (const args of ["--help", "sweep --help"]) {
      const r = bash(
        `"$NODE" "$MAIN" ${args} | (exec 0<&-; true); echo "status \${PIPESTATUS[0]}" >&2`,
      );
      expect(r.err).toMatch(/^status (0|141)\n$/);
    }
    const head = bash(`"$NODE" "$MAIN" --help | head -1; echo "status \${PIPESTATUS[0]}" >&2`);
    expect(head.out).toBe("Usage: gibbs-softmax [options] [command]\n");
    expect(head.err).toMatch(/^status (0|141)\n$/);
  });

  it("a pipe closed by its reader after one line (spawned, no shell)", async () => {
    const child = start([
      "sweep",
      "--energies",
      "0,1",
      "--from",
      "1",
      "--to",
      "2",
      "--points",
      "200000",
    ]);
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (b: Buffer) => {
        if (b.includes(10)) {
          child.stdout.destroy();
          resolve();
        }
      });
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(141);
    expect(Buffer.concat(err).toString()).toBe("");
  });

  it("a standard output that fails (> /dev/full): exit 1, one line with the cause", () => {
    const r = bash(
      `"$NODE" "$MAIN" sweep --energies 0,1 --from 1 --to 2 --points 5000 > /dev/full`,
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "gibbs-softmax: cannot write to standard output: no space left on device (ENOSPC)\n",
    );
  });

  it("a standard output never opened (>&-) is an error; > /dev/null is not", () => {
    const closed = bash(`"$NODE" "$MAIN" softmax 1 2 >&-`);
    expect(closed.code).toBe(1);
    expect(closed.err).toBe(
      "gibbs-softmax: standard output is closed (>&-), so the data would be lost; give --out FILE, or redirect to /dev/null to discard it\n",
    );
    const discarded = bash(`"$NODE" "$MAIN" softmax 1 2 > /dev/null`);
    expect([discarded.code, discarded.err]).toEqual([0, ""]);
    const toFile = bash(`"$NODE" "$MAIN" softmax 1 2 --out ${s.path("closed.csv")} >&-`);
    expect([toFile.code, toFile.err]).toEqual([0, ""]);
  });

  it("a standard input closed (<&-) or a folder (< dir) is named as such, not read as empty", () => {
    for (const command of ["softmax --logits -", "calibrate --logits - --labels 0"]) {
      const closed = bash(`"$NODE" "$MAIN" ${command} <&-`);
      expect(closed.code, command).toBe(2);
      expect(closed.err).toBe(
        "gibbs-softmax: --logits: standard input (-) is closed (<&-); pipe the data in or give a file\n",
      );
      const folder = bash(`"$NODE" "$MAIN" ${command} < /`);
      expect(folder.code, command).toBe(2);
      expect(folder.err).toBe(
        "gibbs-softmax: --logits: standard input (-) is a folder, not data (EISDIR)\n",
      );
    }
    // An empty standard input is empty: < /dev/null opens it read-only, unlike a closed one.
    const empty = bash(`"$NODE" "$MAIN" softmax --logits - < /dev/null`);
    expect([empty.code, empty.err]).toEqual([2, "gibbs-softmax: <stdin>: no numbers found\n"]);
    const piped = bash(`echo 0 | "$NODE" "$MAIN" softmax --logits - --format jsonl`);
    expect([piped.code, piped.out]).toEqual([0, '{"index":0,"logit":0,"probability":1}\n']);
  });
});
