/**
 * `calibrate` and the batch commands from text files (CSV, text lines, JSON), as users run them
 * (node dist/cli/main.js): the smallest case has closed forms (τ = 2/ln 2, where the calibrated
 * confidence 2/3 equals the accuracy, so ECE = 0), and every bad input exits with code 2 and a
 * one-line message naming the flag and the place, never a stack trace.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli as run } from "./helpers/faults.js";

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-calibrate-"));
  const files: Record<string, string> = {
    "val.csv": "2,0\n0,2\n2,0\n",
    "val.txt": "# logits, one row per line\n2 0\n0 2\n2 0\n",
    "val.json": "[[2, 0], [0, 2], [2, 0]]\n",
    "labels.txt": "0\n1\n1\n",
    "labels_bad.txt": "0\n2\n1\n",
    "labels_half.txt": "0\n0.5\n1\n",
    "labels_short.txt": "0\n1\n",
    "nan.csv": "2,0\n0,nan\n2,0\n",
    "ragged.csv": "2,0\n0,2,1\n2,0\n",
    "three.csv": "2,0,1\n0,2,1\n",
    "masked.csv": "-inf,2\n0,2\n2,0\n",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => run(args, { cwd: dir });

describe("calibrate", () => {
  it("fits τ = 2/ln 2 on the smallest case, from CSV, text or JSON logits", () => {
    for (const logits of ["val.csv", "val.txt", "val.json"]) {
      const r = cli([
        "calibrate",
        "--logits",
        logits,
        "--labels",
        "labels.txt",
        "--format",
        "jsonl",
        "--bins",
        "2",
      ]);
      expect(r.code, r.err).toBe(0);
      const [before, after] = r.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      // exact: τ* = 2/ln 2 = 2.885390081777926814…; NLL(1) = (2 ln(1 + e⁻²) + ln(1 + e²))/3
      // = 0.793594677709639163… (mpmath), whose nearest double is 0.7935946777096392
      expect(Math.abs(after.temperature / (2 / Math.LN2) - 1)).toBeLessThan(1e-15);
      expect(Math.abs(before.nll - 0.7935946777096392)).toBeLessThan(1e-15);
      // at τ*, each confidence is 2/3 = the accuracy: a perfectly calibrated model
      expect(after.ece).toBeLessThan(1e-15);
      expect(after.accuracy).toBe(before.accuracy);
      expect(r.err).toMatch(/^fitted τ = 2\.88539008177792\d* \(the model was overconfident/);
    }
  });
  it("refuses bad input with exit 2 and a one-line message", () => {
    const cases: [string[], RegExp][] = [
      [
        ["--logits", "val.csv", "--labels", "labels_bad.txt"],
        /^gibbs-softmax: --labels: labels_bad\.txt\[1\] is 2; labels are class indices, integers from 0 to 1 \(indices count from 0\)\n$/,
      ],
      [
        ["--logits", "val.csv", "--labels", "labels_half.txt"],
        /--labels: labels_half\.txt\[1\] is 0\.5; .*\(indices count from 0\)\n$/,
      ],
      [
        ["--logits", "val.csv", "--labels", "labels_short.txt"],
        /--labels: 2 labels for 3 rows of --logits val\.csv; give one label per row/,
      ],
      [
        ["--logits", "nan.csv", "--labels", "labels.txt"],
        /--logits: nan\.csv\[1, 1\] is NaN; .*\(rows and columns count from 0\)\n$/,
      ],
      [
        ["--logits", "ragged.csv", "--labels", "labels.txt"],
        /--logits: ragged\.csv:2: has 3 values, the rows above have 2/,
      ],
      [["--logits", "masked.csv", "--labels", "labels.txt"], /infinite/],
      [
        ["--logits", "val.csv", "--labels", "labels.txt", "--test-logits", "val.csv"],
        /give both --test-logits and --test-labels/,
      ],
      [
        [
          "--logits",
          "val.csv",
          "--labels",
          "labels.txt",
          "--test-logits",
          "three.csv",
          "--test-labels",
          "labels_short.txt",
        ],
        /--test-logits has 3 classes per row but --logits has 2/,
      ],
      [
        ["--logits", "val.csv", "--labels", "labels.txt", "--bins", "0"],
        /--bins must be an integer from 1 to 1000/,
      ],
      [
        ["--logits", "val.csv", "--labels", "labels.txt", "--binning", "quantile"],
        /--binning must be width or mass/,
      ],
      [
        ["--logits", "missing.npy", "--labels", "labels.txt"],
        /--logits: cannot read "missing\.npy": no such file or directory \(ENOENT\)\n$/,
      ],
      [["--logits", "val.csv"], /required option '-y, --labels <file>' not specified/],
      [
        ["--logits", "val.csv", "--labels", "labels.txt", "--format", "xml"],
        /--format must be one of csv, json, jsonl, table, npz/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli(["calibrate", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe("");
    }
  });
  it("reports the limits: τ = 0 when every label is the strict argmax, τ = Infinity when no better than a guess", () => {
    writeFileSync(join(dir, "sep.csv"), "2,0\n0,2\n");
    writeFileSync(join(dir, "sep_labels.txt"), "0\n1\n");
    writeFileSync(join(dir, "anti_labels.txt"), "1\n0\n");
    const cold = cli([
      "calibrate",
      "--logits",
      "sep.csv",
      "--labels",
      "sep_labels.txt",
      "--format",
      "jsonl",
      "--html",
      "cold.html",
    ]);
    expect(cold.code, cold.err).toBe(0);
    const after = JSON.parse(cold.out.trim().split("\n")[1] as string);
    expect([after.temperature, after.nll, after.brier, after.ece]).toEqual([0, 0, 0, 0]);
    expect(cold.err).toMatch(/^fitted τ = 0 \(every validation label is its row's strict argmax/);
    const hot = cli([
      "calibrate",
      "--logits",
      "sep.csv",
      "--labels",
      "anti_labels.txt",
      "--format",
      "jsonl",
      "--html",
      "hot.html",
    ]);
    expect(hot.code, hot.err).toBe(0);
    const uniform = JSON.parse(hot.out.trim().split("\n")[1] as string);
    // uniform over two classes: NLL ln 2, Brier ½, every confidence ½ and every prediction wrong
    expect([uniform.temperature, uniform.nll, uniform.brier, uniform.ece]).toEqual([
      "Infinity",
      Math.LN2,
      0.5,
      0.5,
    ]);
    expect(existsSync(join(dir, "cold.html")) && existsSync(join(dir, "hot.html"))).toBe(true);
  });
  it("writes nothing and keeps an old --out when it fails", () => {
    writeFileSync(join(dir, "old.csv"), "previous\n");
    const r = cli([
      "calibrate",
      "--logits",
      "nan.csv",
      "--labels",
      "labels.txt",
      "--out",
      "old.csv",
    ]);
    expect(r.code).toBe(2);
    expect(spawnSync("cat", [join(dir, "old.csv")], { encoding: "utf8" }).stdout).toBe(
      "previous\n",
    );
  });
});

describe("batches of logits from text", () => {
  it("sweep --logits FILE --labels FILE gives batch means; --html is refused for a batch", () => {
    const batch = [
      "sweep",
      "--logits",
      "val.csv",
      "--labels",
      "labels.txt",
      "--from",
      "1",
      "--to",
      "2",
    ];
    const r = cli([...batch, "--points", "2"]);
    expect(r.code, r.err).toBe(0);
    const [head, first] = r.out.trim().split("\n");
    expect(head).toBe("temperature,entropy,heatCapacity,topProbability,effectiveStates,nll");
    // at τ = 1 every row is {e²/(1+e²), 1/(1+e²)}: NLL as in calibrate's "before" row
    expect(Math.abs(Number(first?.split(",")[5]) - 0.7935946777096392)).toBeLessThan(1e-15);
    const html = cli([...batch, "--html", "x.html"]);
    expect(html.code).toBe(2);
    expect(html.err).toMatch(/--html: the report draws one spectrum's sweep/);
    const stray = cli([
      "sweep",
      "--energies",
      "0,1",
      "--labels",
      "labels.txt",
      "--from",
      "1",
      "--to",
      "2",
    ]);
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/--labels goes with --logits/);
  });
});
