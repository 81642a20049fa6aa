/**
 * The seams between the CLI's branches: `calibrate`, the numpy readers, batches of logits
 * (`sweep --logits batch.npy`, `softmax --logits batch.npy`) and the text matrix reader follow
 * the conventions of the rest of the tool (docs/cli.md, "Exit codes and errors" and "Limits"):
 * a bad input is exit 2 with one line that speaks of flags and files (never an internal option
 * path), places are `file:LINE:COLUMN` from 1 or `name[INDEX]` from 0 and say so, a flag that does
 * not apply is refused by name, every reader has caps, and the doors (a closed standard output, a
 * full disk, a terminal for binary data) behave as for every other command. numpy files are made
 * by numpy (python3); without it (and CI not "true") that part says so and skips.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/cli/limits.js";
import { bash, cli as run } from "./helpers/faults.js";
import { skipWithoutPython } from "./helpers/python.js";

let dir = "";
const skipNumpy = skipWithoutPython("numpy", "the numpy parts of the CLI seam tests");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gibbs-seams-"));
  const files: Record<string, string> = {
    "val.csv": "2,0\n0,2\n2,0\n",
    "labels.txt": "0\n1\n1\n",
    "header.csv": "cat,dog\n2,0\n0,2\n2,0\n",
    "typo.csv": "O.5,1\n2,0\n",
    "rows.json": "[\n  [2, 0],\n  [0, 2],\n  [2, 0]\n]\n",
    "deep.json": "[[[1, 2]]]\n",
    "mixed.json": "[1, [2, 3]]\n",
    "ragged.txt": "1 2\n3\n",
    "long.csv": `${"7".repeat(LIMITS.tokenCharacters + 1)},1\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  if (skipNumpy) return;
  execFileSync(
    "python3",
    [
      "-c",
      `
import numpy as np, os, zipfile
rng = np.random.default_rng(7)
z = rng.normal(size=(20, 4)) * 3
y = rng.integers(0, 4, size=20)
np.save("z.npy", z); np.save("y.npy", y)
np.save("y_float.npy", y + 0.5); np.save("y_big.npy", np.where(y == 0, 4, y))
np.save("y_short.npy", y[:10]); np.save("z1.npy", z[0]); np.save("zcol.npy", z[:, :1])
np.save("z_nan.npy", np.where(np.arange(80).reshape(20, 4) == 9, np.nan, z))
np.save("y_onehot.npy", np.eye(4)[y])
np.savez("both.npz", logits=z, labels=y)
# a header past numpy's max_header_size, and one that promises more than 2**28 values
with open("big_header.npy", "wb") as f:
    h = ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " " * 10100 + "\\n").encode()
    f.write(b"\\x93NUMPY\\x02\\x00" + len(h).to_bytes(4, "little") + h + b"\\0" * 8)
with open("too_many.npy", "wb") as f:
    h = "{'descr': '<f8', 'fortran_order': False, 'shape': (%d,), }" % (2**28 + 1)
    h = (h + " " * (118 - len(h)) + "\\n").encode()
    f.write(b"\\x93NUMPY\\x01\\x00" + len(h).to_bytes(2, "little") + h)
# an .npz whose entry claims (in both zip headers) to unpack to 0xF0000000 bytes
with zipfile.ZipFile("bomb.npz", "w") as zf:
    zf.writestr("logits.npy", open("z.npy", "rb").read())
b = bytearray(open("bomb.npz", "rb").read())
size = os.path.getsize("z.npy").to_bytes(4, "little")
for sig, off in ((b"PK\\x03\\x04", 22), (b"PK\\x01\\x02", 24)):
    at = b.find(sig)
    assert b[at + off : at + off + 4] == size
    b[at + off : at + off + 4] = (0xF0000000).to_bytes(4, "little")
open("bomb.npz", "wb").write(b)
`,
    ],
    { cwd: dir },
  );
  // an .npz over 2 GiB: a sparse file, so it costs no disk
  execFileSync("truncate", ["-s", String(LIMITS.npzBytes + 1), join(dir, "huge.npz")]);
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], input?: string) =>
  run(args, input === undefined ? { cwd: dir } : { cwd: dir, input });

/** A refusal: exit 2, one line that starts with the tool's name and matches, nothing on stdout. */
function refused(args: string[], message: RegExp, input?: string): void {
  const r = cli(args, input);
  expect(r.code, `${args.join(" ")}\n${r.err}`).toBe(2);
  const lines = r.err.trimEnd().split("\n");
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]).toMatch(/^gibbs-softmax: /);
  expect(lines[0]).toMatch(message);
  // never an internal option path or a library function's name
  expect(lines[0]).not.toMatch(
    /options\.|temperatureGrid|sweepBatch|sweepRows|softmaxRows|calibrationMetrics|fitTemperature/,
  );
  expect(r.out).toBe("");
}

const GRID = ["--from", "0.5", "--to", "2", "--points", "3"];

describe("text matrices (calibrate, batch sweeps): the CLI's one text reader and its caps", () => {
  it("a header row of words is skipped; a JSON array of arrays spans lines; standard input reads", () => {
    const expected = cli(["calibrate", "--logits", "val.csv", "--labels", "labels.txt"]);
    expect(expected.code, expected.err).toBe(0);
    for (const logits of ["header.csv", "rows.json"]) {
      const r = cli(["calibrate", "--logits", logits, "--labels", "labels.txt"]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe(expected.out);
    }
    const piped = cli(["calibrate", "--logits", "-", "--labels", "labels.txt"], "2 0\n0 2\n2 0\n");
    expect(piped.code, piped.err).toBe(0);
    expect(piped.out).toBe(expected.out);
  });
  it("places: FILE:LINE:COLUMN from 1 (the field number in a CSV file)", () => {
    refused(
      ["calibrate", "--logits", "typo.csv", "--labels", "0"],
      /^gibbs-softmax: --logits: typo\.csv:1:1: "O\.5" is not a number$/,
    );
    refused(
      ["calibrate", "--logits", "ragged.txt", "--labels", "0,1"],
      /--logits: ragged\.txt:2: has 1 value, the rows above have 2$/,
    );
    refused(
      ["calibrate", "--logits", "deep.json", "--labels", "0"],
      /deep\.json:1:3: nested arrays/,
    );
    refused(
      ["calibrate", "--logits", "mixed.json", "--labels", "0"],
      /mixed\.json:1:5: numbers and rows side by side/,
    );
  });
  it("caps: binary data, a value over the token cap, standard input read once", () => {
    refused(
      ["calibrate", "--logits", "/dev/zero", "--labels", "0"],
      /--logits: \/dev\/zero:1:1: a NUL byte: this is binary data, not text$/,
    );
    refused(
      ["calibrate", "--logits", "long.csv", "--labels", "0"],
      new RegExp(`long\\.csv:1:1: a value longer than ${LIMITS.tokenCharacters} characters`),
    );
    refused(
      ["calibrate", "--logits", "-", "--labels", "-"],
      /--labels: standard input \(-\) was already read by --logits; only one flag can read it/,
      "2 0\n",
    );
  });
  it("a runaway line (300 MB of one digit) ends at the token cap, under a 64 MB heap", () => {
    const r = bash(
      `head -c 300M /dev/zero | tr '\\0' 7 | "$NODE" --max-old-space-size=64 "$MAIN" calibrate --logits - --labels 0; echo "status \${PIPESTATUS[2]}"`,
      dir,
    );
    expect(r.out.trim()).toBe("status 2");
    expect(r.err.trim()).toMatch(
      /^gibbs-softmax: --logits: <stdin>:1:1: a value longer than 1000 characters/,
    );
  });
});

describe("calibrate and batch sweeps refuse what does not apply, naming the flag", () => {
  const batch = ["sweep", "--logits", "val.csv", "--labels", "labels.txt", ...GRID];
  it.each([
    ["--energies", "0,1", /--energies does not apply to a sweep over a batch of logits/],
    ["--gap", "2", /--gap does not apply to a sweep over a batch of logits/],
    ["--model", "two-level", /--model does not apply to a sweep over a batch of logits/],
    ["--expression", "n", /--expression does not apply to a sweep over a batch of logits/],
    ["--degeneracies", "1,1", /--degeneracies does not apply to a sweep over a batch/],
    [
      "--kB",
      "2",
      /--kB does not apply to a sweep over a batch of logits \(.*without units or kB\)/,
    ],
    ["--energy-unit", "meV", /--energy-unit does not apply to a sweep over a batch/],
    ["--probabilities", undefined, /--probabilities does not apply .*softmax --logits FILE/],
    ["--html", "r.html", /--html: the report draws one spectrum's sweep/],
  ])("sweep --logits BATCH %s", (flag, value, message) => {
    refused([...batch, flag, ...(value === undefined ? [] : [value])], message);
  });
  it("the batch grid is checked as flags", () => {
    const base = ["sweep", "--logits", "val.csv", "--labels", "labels.txt"];
    refused(
      [...base, "--from", "1", "--to", "2", "--points", "1"],
      /^gibbs-softmax: --points must be an integer ≥ 2, got 1$/,
    );
    refused(
      [...base, "--from", "1", "--to", "2", "--points", String(LIMITS.points + 1)],
      new RegExp(`--points is ${LIMITS.points + 1}; the limit is ${LIMITS.points}`),
    );
    refused(
      [...base, "--from", "-1", "--to", "2"],
      /--scale log needs --from and --to > 0, got -1 and 2 \(use --scale linear\)/,
    );
    refused([...base, "--from", "1", "--to", "inf"], /--to must be finite, got Infinity/);
    refused([...base, "--from", "nan", "--to", "2"], /--from: NaN is not a value this flag/);
    refused([...base, "--from", "1 K", "--to", "2"], /--from: "1 K" is not a number; a batch/);
  });
  it("calibrate's own flags: --bins, --binning, --out and --html naming one file", () => {
    const base = ["calibrate", "--logits", "val.csv", "--labels", "labels.txt"];
    for (const bins of ["0", "1001", "2.5"])
      refused(
        [...base, "--bins", bins],
        /^gibbs-softmax: --bins must be an integer from 1 to 1000/,
      );
    refused([...base, "--binning", "foo"], /--binning must be width or mass, got "foo"/);
    writeFileSync(join(dir, "keep.csv"), "old\n");
    refused(
      [...base, "--out", "keep.csv", "--html", "./keep.csv"],
      /--out and --html name the same file/,
    );
    expect(readFileSync(join(dir, "keep.csv"), "utf8")).toBe("old\n");
  });
  it("flags take no NaN, and library options are named as flags", () => {
    refused(["softmax", "1", "2", "--temperature", "nan"], /--temperature: NaN is not a value/);
    refused(
      ["gibbs", "-e", "0,1", "-t", "1", "--kB", "0"],
      /^gibbs-softmax: --kB must be finite and > 0, got 0$/,
    );
    refused(
      ["gibbs", "-e", "0,1", "-g", "1,nan", "-t", "1"],
      /^gibbs-softmax: gibbs: --degeneracies\[1\] is NaN \(indices count from 0\)$/,
    );
    refused(
      ["solve-temperature", "-e", "0,1", "--entropy", "nan"],
      /--entropy: NaN is not a value/,
    );
  });
  it("softmax: logits as arguments and with --logits together are refused", () => {
    refused(
      ["softmax", "1", "2", "--logits", "val.csv"],
      /either as arguments or with --logits, not both/,
    );
  });
});

describe.skipIf(skipNumpy)("numpy batches and labels follow the conventions", () => {
  it("labels: a bad one is named by its 0-based index, numpy-style; counts and shapes are checked", () => {
    const base = ["calibrate", "--logits", "z.npy", "--labels"];
    refused(
      [...base, "y_big.npy"],
      /^gibbs-softmax: --labels: y_big\.npy\[\d+\] is 4; labels are class indices, integers from 0 to 3 \(indices count from 0\)$/,
    );
    refused([...base, "y_float.npy"], /--labels: y_float\.npy\[0\] is \d\.5; /);
    refused(
      [...base, "y_short.npy"],
      /--labels: 10 labels for 20 rows of --logits z\.npy; give one label per row$/,
    );
    refused([...base, "y_onehot.npy"], /y_onehot\.npy is a 20×4 matrix, like one-hot labels/);
    refused(
      ["calibrate", "--logits", "z1.npy", "--labels", "y.npy"],
      /--labels: 20 labels for 1 row of --logits z1\.npy/,
    );
    refused(
      ["calibrate", "--logits", "zcol.npy", "--labels", "y.npy"],
      /--logits: zcol\.npy: each row has one class; calibration needs at least two/,
    );
    refused(
      ["sweep", "--logits", "z.npy", "--labels", "y_big.npy", ...GRID],
      /--labels: y_big\.npy\[\d+\] is 4; .*\(indices count from 0\)$/,
    );
  });
  it("logits: NaN and +Infinity named at [row, column] from 0; a missing file names the cause", () => {
    refused(
      ["calibrate", "--logits", "z_nan.npy", "--labels", "y.npy"],
      /^gibbs-softmax: --logits: z_nan\.npy\[2, 1\] is NaN; logits must be numbers below \+Infinity \(rows and columns count from 0\)$/,
    );
    refused(
      ["sweep", "--logits", "missing.npy", ...GRID],
      /--logits: cannot read "missing\.npy": no such file or directory \(ENOENT\)$/,
    );
  });
  it("--key: picks an array for every command, and is refused where no .npz file is read", () => {
    const r = cli(["sweep", "--energies", "both.npz", "--key", "labels", ...GRID]);
    expect(r.code, r.err).toBe(0);
    refused(
      ["softmax", "1", "2", "--key", "logits"],
      /--key picks an array of an \.npz file, and no \.npz file is given/,
    );
    refused(
      ["calibrate", "--logits", "both.npz", "--labels", "y.npy", "--key", "zz"],
      /both\.npz has no array "zz"/,
    );
  });
  it("a 2-D .npy given as softmax's one argument is a batch, as with --logits", () => {
    const a = cli(["softmax", "z.npy"]);
    const b = cli(["softmax", "--logits", "z.npy"]);
    expect(a.code, a.err).toBe(0);
    expect(a.out.split("\n")[0]).toBe("row,index,logit,probability");
    expect(a.out).toBe(b.out);
  });
  it("the numpy reader's caps: header size, values per array, .npz size, an entry's unpacked size", () => {
    refused(
      ["softmax", "--logits", "big_header.npy"],
      new RegExp(`the header is \\d+ bytes, over the limit of ${LIMITS.npyHeaderBytes}`),
    );
    refused(
      ["softmax", "--logits", "too_many.npy"],
      new RegExp(
        `too_many\\.npy holds ${2 ** 28 + 1} values, more than the limit of ${LIMITS.arrayValues}$`,
      ),
    );
    refused(
      ["softmax", "--logits", "huge.npz"],
      new RegExp(
        `huge\\.npz is ${LIMITS.npzBytes + 1} bytes; the limit of an \\.npz file is ${LIMITS.npzBytes}`,
      ),
    );
    refused(
      ["softmax", "--logits", "bomb.npz"],
      new RegExp(
        `bomb\\.npz: "logits" unpacks to ${0xf0000000} bytes, more than the limit of ${LIMITS.arrayValues} values`,
      ),
    );
  });
});

describe.skipIf(skipNumpy)("the doors of calibrate and batch sweeps", () => {
  const commands: [string, string[]][] = [
    ["calibrate", ["calibrate", "--logits", "z.npy", "--labels", "y.npy"]],
    ["a batch sweep", ["sweep", "--logits", "z.npy", ...GRID]],
    ["a batch softmax", ["softmax", "--logits", "z.npy"]],
  ];
  it.each(commands)("%s: a closed standard output is an error, one line", (_, args) => {
    const r = bash(`"$NODE" "$MAIN" ${args.join(" ")} >&-; echo "status $?"`, dir);
    expect(r.out.trim()).toBe("status 1");
    expect(r.err.trim()).toMatch(/^gibbs-softmax: standard output is closed \(>&-\)/);
  });
  it.each(commands)(
    "%s: a full disk (--out /dev/full, and > /dev/full) is exit 1 naming the cause",
    (_, args) => {
      for (const npz of [false, true]) {
        const format = npz ? "--format npz" : "";
        const out = bash(
          `"$NODE" "$MAIN" ${args.join(" ")} ${format} --out /dev/full; echo "status $?"`,
          dir,
        );
        expect(out.out.trim()).toBe("status 1");
        expect(out.err.trim()).toBe(
          'gibbs-softmax: --out: cannot write "/dev/full": no space left on device (ENOSPC)',
        );
      }
      const redirected = bash(
        `"$NODE" "$MAIN" ${args.join(" ")} > /dev/full; echo "status $?"`,
        dir,
      );
      expect(redirected.out.trim()).toBe("status 1");
      expect(redirected.err.trim()).toBe(
        "gibbs-softmax: cannot write to standard output: no space left on device (ENOSPC)",
      );
    },
  );
  it("calibrate --html /dev/full: exit 1, and the summary line is not printed", () => {
    const r = bash(
      `"$NODE" "$MAIN" calibrate --logits z.npy --labels y.npy --html /dev/full > /dev/null; echo "status $?"`,
      dir,
    );
    expect(r.out.trim()).toBe("status 1");
    expect(r.err.trim()).toBe(
      'gibbs-softmax: --html: cannot write "/dev/full": no space left on device (ENOSPC)',
    );
  });
  it.each(commands)("%s: --format npz to a terminal is refused before any work", (_, args) => {
    // a real pseudo-terminal as standard output (python's pty), where binary data must not go
    const r = bash(
      `python3 -c 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))' "$NODE" "$MAIN" ${args.join(" ")} --format npz; echo "status $?"`,
      dir,
    );
    expect(r.out.replace(/\r/g, "").trim()).toBe(
      "gibbs-softmax: --format npz writes binary data: give --out FILE.npz, or redirect standard output to a file\nstatus 2",
    );
  });
  it("a batch sweep into a pipe closed early ends quietly with status 141", () => {
    const r = bash(
      `"$NODE" "$MAIN" sweep --logits z.npy --from 1 --to 2 --points 200000 | head -1; echo "status \${PIPESTATUS[0]}"`,
      dir,
    );
    expect(r.out).toBe(
      "temperature,entropy,heatCapacity,topProbability,effectiveStates\nstatus 141\n",
    );
    expect(r.err).toBe("");
  });
});

describe("lists and files: no entry is skipped or cut", () => {
  it("refuses an empty entry in a list, naming the character (from 1)", () => {
    for (const [list, place] of [
      ["1,,2", "between two separators (character 3)"],
      [",1,2", "before the first value (character 1)"],
      ["1,2,", "at the end (character 4)"],
    ] as const) {
      const r = run(["softmax", "--logits", list]);
      expect(r.code, list).toBe(2);
      expect(r.err).toBe(
        `gibbs-softmax: --logits: the list ${JSON.stringify(list)} has an empty entry ${place}\n`,
      );
    }
    // Separators with spaces around them are one separator, as before.
    expect(run(["softmax", "--logits", "1, 2; 3", "--format", "jsonl"]).code).toBe(0);
  });
  it("refuses an empty entry in a text or JSON file, naming line and column", () => {
    writeFileSync(join(dir, "empty.txt"), "1, 2\n3,,4\n");
    writeFileSync(join(dir, "trailing.json"), "[1, 2,]\n");
    writeFileSync(join(dir, "lines.json"), "[1,\n 2,\n 3]\n");
    const e = run(["softmax", "--logits", join(dir, "empty.txt")]);
    expect(e.code).toBe(2);
    expect(e.err).toContain(
      "empty.txt:2:3: an empty entry: two separators with no value between them",
    );
    const t = run(["softmax", "--logits", join(dir, "trailing.json")]);
    expect(t.code).toBe(2);
    expect(t.err).toContain("trailing.json:1:6: a separator with no value after it (before the ])");
    // A comma at the end of a line inside brackets is JSON's own layout, not an empty entry.
    const ok = run(["softmax", "--logits", join(dir, "lines.json"), "--format", "jsonl"]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out.trim().split("\n")).toHaveLength(3);
  });
  it("reads a CSV file of one row (no header) across the row, not just its first field", () => {
    writeFileSync(join(dir, "row.csv"), "1,2,3\n");
    const r = run(["softmax", "--logits", join(dir, "row.csv"), "--format", "jsonl"]);
    expect(r.code, r.err).toBe(0);
    // softmax([1, 2, 3]) = e^i / (e + e² + e³): 0.09003057317038046, … (closed form)
    expect(
      r.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).logit),
    ).toEqual([1, 2, 3]);
    // With a header, the first column stays the default (one value here).
    writeFileSync(join(dir, "named.csv"), "energy,degeneracy\n0,2\n");
    const h = run([
      "gibbs",
      "--energies",
      join(dir, "named.csv"),
      "--temperature",
      "1",
      "--format",
      "jsonl",
    ]);
    expect(h.code, h.err).toBe(0);
    expect(h.out.trim().split("\n")).toHaveLength(1);
  });
});

describe("look-alike characters in numbers get a hint naming them", () => {
  it("a typographic minus, full-width digits and a full-width point, wherever numbers are read", () => {
    const minus = "it holds a typographic minus or dash: type -";
    for (const [args, input, message] of [
      [
        ["softmax", "\u22121,2"],
        undefined,
        `logits: no such file "\u22121,2", and it is not a list of numbers (${minus})`,
      ],
      [
        ["softmax", "1", "\u22122"],
        undefined,
        `logits[1]: "\u22122" is not a number (${minus}) (indices count from 0)`,
      ],
      [
        ["softmax", "--logits", "-"],
        "1\n\u20132\n",
        `<stdin>:2:1: "\u20132" is not a number (${minus})`,
      ],
      [
        ["softmax", "\uFF11,\uFF12"],
        undefined,
        `logits: no such file "\uFF11,\uFF12", and it is not a list of numbers (it holds full-width digits: type 0-9)`,
      ],
      [
        ["gibbs", "-e", "1,2", "-t", "\u22121"],
        undefined,
        `--temperature: "\u22121" is not a number or a quantity like "300 K" (${minus})`,
      ],
      [
        ["softmax", "1", "2", "--temperature", "0\uFF0E5"],
        undefined,
        `--temperature: "0\uFF0E5" is not a number (it holds a full-width sign, point or comma: type + . ,)`,
      ],
    ] as const) {
      const r = run([...args], input === undefined ? {} : { input });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toBe(`gibbs-softmax: ${message}\n`);
    }
  });
});
