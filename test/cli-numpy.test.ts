/**
 * numpy files in and out of the CLI, with files made by numpy itself
 * (test/helpers/numpy_fixtures.py: np.save, np.savez, np.savez_compressed) and our output read back
 * by numpy (np.load). Every dtype, byte order and memory order the reader promises gives exactly
 * numpy's doubles; bad files (object arrays, a pickle inside an .npz, truncated, wrong magic,
 * 3-D, complex, text, records, empty) exit 2 with a message, and the pickles, which would create
 * a file if anything unpickled them, never do. A 10⁷-value file is read in bounded memory.
 * numpy data that comes as a stream (standard input, a real FIFO, bash's <(…)) reads as the same
 * file on disk does.
 * Without python3/numpy (and CI not "true") the suite says so and skips.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNumpy } from "../src/cli/npy.js";
import { bash, main, root, cli as run } from "./helpers/faults.js";
import { skipWithoutPython } from "./helpers/python.js";

const skip = skipWithoutPython("numpy", "the numpy file tests");

let dir = "";
let manifest: { good: Record<string, (number | string)[]>; bad: Record<string, string> } = {
  good: {},
  bad: {},
};

beforeAll(() => {
  if (skip) return;
  if (!existsSync(main)) throw new Error("dist/ is missing: run `npm run build` first");
  dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-numpy-"));
  manifest = JSON.parse(
    execFileSync("python3", [join(root, "test", "helpers", "numpy_fixtures.py"), dir], {
      encoding: "utf8",
    }),
  );
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => run(args, { cwd: dir });

function python(code: string, ...args: string[]): string {
  return execFileSync("python3", ["-c", code, ...args], { cwd: dir, encoding: "utf8" });
}

describe.skipIf(skip)("reading .npy and .npz", () => {
  it("reads every dtype, byte order and memory order as numpy's doubles, exactly", () => {
    const names = Object.keys(manifest.good);
    expect(names.length).toBeGreaterThan(25);
    for (const name of names) {
      const [file, key] = name.includes(".npz#") ? name.split("#") : [`${name}.npy`, undefined];
      const a = readNumpy(join(dir, file as string), "--logits", key);
      const want = manifest.good[name] as (number | string)[];
      expect(Array.from(a.data), name).toEqual(want.map(Number));
      // −0 stays −0 (float64 bits are copied, not parsed)
      if (name === "special") expect(Object.is(a.data[3], -0)).toBe(true);
    }
    expect(readNumpy(join(dir, "matrix_f.npy"), "x").shape).toEqual([3, 4]);
    expect(readNumpy(join(dir, "scalar.npy"), "x").shape).toEqual([]);
  });

  it("reads .npy vectors and .npz arrays on the command line (softmax echoes the logits)", () => {
    for (const [spec, name] of [
      ["float_bef4.npy", "float_bef4"],
      ["float_lef2.npy", "float_lef2"],
      ["int_bei8.npy", "int_bei8"],
      ["column.npy", "column"],
    ] as const) {
      const r = cli(["softmax", "--logits", spec, "--format", "jsonl"]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const logits = r.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).logit);
      expect(logits).toEqual(manifest.good[name]);
    }
    // a 2-D array is a batch of rows; Fortran order is read as numpy shows it
    const batch = cli(["softmax", "--logits", "matrix_f.npy", "--format", "jsonl"]);
    expect(batch.code).toBe(0);
    const rows = batch.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.logit)).toEqual(manifest.good.matrix_c);
    expect(rows.map((r) => r.row)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    // .npz: #NAME, --key, the array named after the flag, or the only one
    const named = cli(["gibbs", "--energies", "pair.npz#labels", "--temperature", "1"]);
    expect(named.code).toBe(0);
    expect(named.out.split("\n")[1]).toMatch(/^0,0,1,/);
    const keyed = cli(["gibbs", "--energies", "pair_compressed.npz", "--key", "labels", "-t", "1"]);
    expect(keyed.out).toBe(named.out);
    const preferred = cli(["calibrate", "--logits", "pair.npz", "--labels", "pair.npz"]);
    expect(preferred.err).toMatch(/fitted τ/);
    expect(preferred.code).toBe(0);
    const only = cli(["softmax", "--logits", "single.npz", "--format", "jsonl"]);
    expect(only.code).toBe(0);
    const ambiguous = cli(["gibbs", "--energies", "pair.npz", "--temperature", "1"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(
      /holds 2 arrays \("logits", "labels"\): pick one with pair\.npz#NAME or --key NAME/,
    );
    const missing = cli(["gibbs", "--energies", "pair.npz#energies", "-t", "1"]);
    expect(missing.err).toMatch(/has no array "energies" \(it has "logits", "labels"\)/);
    const matrix = cli(["gibbs", "--energies", "matrix_c.npy", "-t", "1"]);
    expect(matrix.code).toBe(2);
    expect(matrix.err).toMatch(/is a 3×4 matrix; this flag takes one vector/);
  });

  it("refuses bad files with exit 2 and a message, and never unpickles", () => {
    const expected: Record<string, RegExp> = {
      object:
        /holds Python objects \(dtype=object\), stored as a pickle: gibbs-softmax never unpickles/,
      pickle: /"logits\.pkl" is not a numpy array|holds no numpy arrays/,
      truncated: /is truncated/,
      magic: /is not an \.npy file/,
      "3-D": /is 3-D \(2×3×4\)/,
      complex: /holds complex numbers/,
      text: /holds text/,
      structured: /structured array/,
      "no numbers": /holds no numbers/,
    };
    for (const [file, kind] of Object.entries(manifest.bad)) {
      const r = cli(["softmax", "--logits", file]);
      expect(r.code, `${file}: ${r.err}`).toBe(2);
      expect(r.err, file).toMatch(expected[kind] as RegExp);
      expect(r.err.trim().split("\n"), file).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe("");
    }
    // Control: numpy itself does run the pickle when told to, so the marker is a real trap.
    expect(existsSync(join(dir, "UNPICKLED"))).toBe(false);
    python("import numpy as np\nnp.load('object.npy', allow_pickle=True)");
    expect(existsSync(join(dir, "UNPICKLED"))).toBe(true);
  });

  it("writes --format npz that np.load opens as a dict, one array per column", () => {
    const range = ["--from", "0.5", "--to", "2", "--points", "3"];
    const grid = ["sweep", "--logits", "1,2,3,4,1,2,3", ...range, "--probabilities"];
    const r = cli([...grid, "--format", "npz", "--out", "sweep.npz"]);
    expect(r.code).toBe(0);
    const csv = cli(grid).out;
    const [head, ...lines] = csv.trim().split("\n");
    const back = JSON.parse(
      python(
        "import json, numpy as np\nd = np.load('sweep.npz')\nprint(json.dumps({k: [d[k].dtype.str, d[k].tolist()] for k in d.files}))",
      ),
    );
    const names = (head as string).split(",");
    expect(Object.keys(back)).toEqual(names);
    names.forEach((name, c) => {
      expect(back[name][0]).toBe("<f8");
      expect(back[name][1]).toEqual(lines.map((l) => Number(l.split(",")[c])));
    });
    // binary data is not sent to a terminal: only to --out or a redirected standard output
    const piped = spawnSync(process.execPath, [main, "softmax", "1", "2", "--format", "npz"], {
      cwd: dir,
    });
    expect(piped.status).toBe(0);
    writeFileSync(join(dir, "piped.npz"), piped.stdout);
    expect(
      python("import numpy as np\nprint(np.load('piped.npz')['probability'].sum())").trim(),
    ).toBe("1.0");
  });

  it("reads a 10⁷-value file in bounded memory: the doubles and nothing per value", () => {
    python(
      "import numpy as np\nnp.save('big64.npy', np.linspace(-5, 5, 10**7))\nnp.save('big32.npy', np.linspace(-5, 5, 10**7).astype('>f4').reshape(10**6, 10))",
    );
    const probe = (file: string) => {
      const code = `
        const { readNumpy } = await import(${JSON.stringify(join(root, "dist", "cli", "npy.js"))});
        const before = process.memoryUsage().rss;
        const a = readNumpy(${JSON.stringify(join(dir, file))}, "x");
        const after = process.resourceUsage().maxRSS * 1024;
        console.log(JSON.stringify({ n: a.data.length, last: a.data[a.data.length - 1], grew: after - before }));`;
      return JSON.parse(
        execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }),
      ) as { n: number; last: number; grew: number };
    };
    const f64 = probe("big64.npy");
    expect(f64.n).toBe(1e7);
    expect(f64.last).toBe(5);
    // 80 MB of doubles; a JS array of 10⁷ numbers, or a second copy, would add 80 MB or more
    expect(f64.grew).toBeLessThan(80e6 + 24e6);
    const f32 = probe("big32.npy");
    expect(f32.n).toBe(1e7);
    expect(f32.grew).toBeLessThan(80e6 + 24e6);
    // and through the CLI, end to end: the batch sweep of 10⁶ rows × 10 classes
    const r = cli(["sweep", "--logits", "big32.npy", "--from", "1", "--to", "2", "--points", "2"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe(
      "temperature,entropy,heatCapacity,topProbability,effectiveStates",
    );
  }, 120_000);
});

describe.skipIf(skip)("numpy data through pipes, FIFOs and bash's <(…)", () => {
  // Each writer's output goes to the FIFO and its errors to /dev/null, so a writer left blocked
  // (its reader refused early) holds no pipe of this test open; `kill 0` would end the test
  // runner too, so each script kills its own jobs.
  const sh = (script: string) =>
    bash(`${script}\nstatus=$?; kill $(jobs -p) 2>/dev/null; exit $status`, dir);

  /** The CLI with `file` where `{}` stands in `args`, and then through a FIFO named `fifo`: the same. */
  function sameThroughFifo(file: string, fifo: string, args: string[]): void {
    const direct = cli(args.map((a) => (a === "{}" ? file : a)));
    expect(direct.code, direct.err).toBe(0);
    const command = args.map((a) => (a === "{}" ? fifo : a)).join(" ");
    const r = sh(
      `mkfifo ${fifo} && (cat ${file} > ${fifo} 2>/dev/null &) && "$NODE" "$MAIN" ${command}; s=$?; rm -f ${fifo}; exit $s`,
    );
    expect(r.err, command).toBe(direct.err);
    expect(r.out, command).toBe(direct.out);
  }

  it("reads as the same file on disk does: standard input, a FIFO named .npy/.npz, <(…)", () => {
    const file = cli(["calibrate", "--logits", "pair.npz", "--labels", "pair.npz"]);
    expect(file.code, file.err).toBe(0);
    const piped = sh('cat pair.npz | "$NODE" "$MAIN" calibrate --logits - --labels pair.npz');
    expect(piped.err).toBe(file.err);
    expect(piped.out).toBe(file.out);
    const substituted = sh(
      '"$NODE" "$MAIN" calibrate --logits <(cat pair.npz) --labels <(cat pair.npz)',
    );
    expect(substituted.err).toBe(file.err);
    expect(substituted.out).toBe(file.out);
    sameThroughFifo("pair.npz", "l.npz", ["calibrate", "--logits", "{}", "--labels", "pair.npz"]);

    const vector = cli(["softmax", "--logits", "float_bef4.npy", "--format", "jsonl"]);
    const stdin = sh('cat float_bef4.npy | "$NODE" "$MAIN" softmax --logits - --format jsonl');
    expect(stdin.code, stdin.err).toBe(0);
    expect(stdin.out).toBe(vector.out);
    sameThroughFifo("float_bef4.npy", "v.npy", ["softmax", "--logits", "{}", "--format", "jsonl"]);

    // A 2-D .npy FIFO is a batch: looked at (is it a batch?) and read, from one pass of the FIFO;
    // a 1-D one is looked at, found not to be a batch, and read as one spectrum: one pass too.
    const grid = ["--from", "0.5", "--to", "2", "--points", "3"];
    sameThroughFifo("matrix_c.npy", "b.npy", ["sweep", "--logits", "{}", ...grid]);
    sameThroughFifo("float_bef4.npy", "s.npy", ["sweep", "--logits", "{}", ...grid]);
  });

  it("a stream's numpy data gets the file's messages: truncated, several arrays, not numpy", () => {
    const truncated = sh(
      'head -c 150 matrix_c.npy | "$NODE" "$MAIN" calibrate --logits - --labels 0,1,2',
    );
    expect(truncated.code).toBe(2);
    expect(truncated.err).toMatch(
      /^gibbs-softmax: --logits: <stdin> is truncated: its header promises 3×4 /,
    );
    const several = sh('cat pair.npz | "$NODE" "$MAIN" gibbs --energies - --temperature 1');
    expect(several.code).toBe(2);
    expect(several.err).toMatch(
      /<stdin> holds 2 arrays \("logits", "labels"\): pick one with --key NAME\n$/,
    );
    const keyed = sh(
      'cat pair.npz | "$NODE" "$MAIN" gibbs --energies - --key labels --temperature 1',
    );
    expect(keyed.code, keyed.err).toBe(0);
    expect(keyed.out).toBe(
      cli(["gibbs", "--energies", "pair.npz#labels", "--temperature", "1"]).out,
    );
    const text = sh(
      'mkfifo t.npy && (echo "1 2 3" > t.npy 2>/dev/null &) && "$NODE" "$MAIN" softmax --logits t.npy; s=$?; rm -f t.npy; exit $s',
    );
    // Binary data that only starts like numpy's magic string is text to the reader, refused at
    // its first token rather than collected whole.
    const stray = sh(
      `(printf '\\x93NUM 1'; head -c 50000000 /dev/zero) | "$NODE" "$MAIN" softmax --logits -`,
    );
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/^gibbs-softmax: <stdin>:1:\d+: ".*NUM" is not a number\n$/);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(
      /--logits: t\.npy is not numpy data \(it does not start with \\x93NUMPY or PK\)/,
    );
  });
});
