#!/usr/bin/env node
/**
 * The benchmark harness of gibbs-softmax. Times the library in-process (warm-up, then the median
 * of repeats, in ns per element) against its peers, like for like:
 *
 * - allocating against allocating: our `softmax(z)` (a new array) against the seed lecture's
 *   numpy code `np.exp(a) / np.sum(np.exp(a))`, `scipy.special.softmax` and onnxruntime-node;
 * - into `out` against into `out`: `softmax(z, { out })` against numpy written with `out=`;
 * - float32 against float32: numpy float32 with `out=`, tfjs (wasm and cpu) and onnxruntime-node;
 * - logSumExp against scipy.special.logsumexp and numpy's max-shifted one-liner;
 * - JavaScript against JavaScript: a tuned scalar loop, and the seed code ported with Array.map.
 *
 * The machine is shared and its speed drifts by 2× over minutes, so every comparison is timed in
 * rounds: in each round ours and each peer are timed back to back, and the report gives, per row,
 * the median over the rounds and the range (lowest–highest) of the per-round figures and ratios.
 * The Python peers run in one long-lived `python3 bench/peers.py` and the JavaScript peers in one
 * `node bench/js-peers.mjs` (from bench/node_modules), both on the very same logits.
 *
 * The report (docs/benchmarks.md) names the commit it was measured at and a hash of the kernel
 * sources (bench/provenance.mjs; test/benchmarks-fresh.test.ts fails when they change), and its
 * "Summary" section is copied into README.md between the bench-summary markers, so the README's
 * figures are this output.
 *
 *   npm run bench -- --rounds 3             # the full run: docs/benchmarks.md and README.md
 *   node bench/harness.mjs --smoke --out F  # a seconds-long run of every code path (npm test)
 *   node bench/harness.mjs --suite NAME --rounds 3 --no-peers --out F
 *                                           # one suite; --no-peers skips the core comparisons
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { commitOf, KERNEL_SOURCES, kernelHash } from "./provenance.mjs";
import { suiteContext, suiteFiles } from "./suites/context.mjs";
import { logits, timeIt } from "./timing.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const noPeers = args.includes("--no-peers");
const outIndex = args.indexOf("--out");
const defaultOut = join(root, "docs", "benchmarks.md");
const outFile = outIndex >= 0 ? args[outIndex + 1] : defaultOut;
const roundsIndex = args.indexOf("--rounds");
const roundsArg = roundsIndex >= 0 ? Number(args[roundsIndex + 1]) : undefined;
if (roundsArg !== undefined && !(Number.isInteger(roundsArg) && roundsArg >= 1)) {
  console.error(`--rounds needs an integer ≥ 1, got ${args[roundsIndex + 1]}`);
  process.exit(2);
}
const onlyIndex = args.indexOf("--suite");
const onlySuite = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const rounds = smoke ? 1 : (roundsArg ?? 5);
// The provenance is taken before anything is written (the report and README.md do not count).
const measuredAt = commitOf(root, ["docs/benchmarks.md", "README.md"]);
const kernel = kernelHash(root);

const lib = await import(pathToFileURL(join(root, "dist", "index.js")).href);
const { sweepParallel } = await import(
  pathToFileURL(join(root, "dist", "parallel", "index.js")).href
);
const {
  softmax,
  logSoftmax,
  logSumExp,
  sweep,
  softmaxRows,
  temperatureGrid,
  setKernelBackend,
  kernelBackend,
} = lib;
const accel = await import(pathToFileURL(join(root, "dist", "internal", "accel.js")).href);
const kernelModule = await import(pathToFileURL(join(root, "dist", "internal", "kernel.js")).href);
const UNIT = kernelModule.betaOf(kernelModule.LOGITS, 1, 1);
const backend = kernelBackend();

const log = (...a) => console.error(...a);
const fmt = (x, d = 2) => (x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(d));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sizeName = (n) => {
  const e = Math.round(Math.log10(n));
  return 10 ** e === n ? `10${"⁰¹²³⁴⁵⁶⁷⁸⁹"[e]}` : n.toLocaleString("en-US");
};

function repeatsFor(n) {
  if (smoke) return { repeats: 3, warmup: 1, warmupMs: 20 };
  return n >= 1e7
    ? { repeats: 5, warmup: 1 }
    : n >= 1e6
      ? { repeats: 15, warmup: 3 }
      : { repeats: 41, warmup: 5 };
}
/** Repeats inside one round (the rounds give the spread). */
function roundRepeats(n) {
  if (smoke) return { repeats: 3, warmup: 1, warmupMs: 20 };
  return n >= 1e7 ? { repeats: 3, warmup: 1 } : { repeats: 9, warmup: 2 };
}

/** Distance in float32 ulps between a float32 value and the float32 rounding of an exact double. */
function ulp32(got, exact) {
  const f = new Float32Array([got, Math.fround(exact)]);
  const u = new Int32Array(f.buffer);
  const ord = (x) => (x < 0 ? -(x & 0x7fffffff) : x);
  return Math.abs(ord(u[0]) - ord(u[1]));
}

// ---- Peer servers ------------------------------------------------------------------------------
/** A long-lived child answering one JSON line per request line (bench/peers.py, js-peers.mjs). */
function server(command, argv, options) {
  const child = spawn(command, argv, { stdio: ["pipe", "pipe", "pipe"], ...options });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  const stderr = [];
  let exited = false;
  child.stderr.on("data", (d) => stderr.push(String(d)));
  lines.on("line", (line) => {
    // Libraries may print chatter to standard output; answers are JSON objects.
    if (!line.startsWith("{")) return;
    waiting.shift()?.resolve(JSON.parse(line));
  });
  child.on("exit", () => {
    exited = true;
    for (const w of waiting.splice(0))
      w.reject(new Error(`${command} exited: ${stderr.join("").trim().split("\n").at(-1) ?? ""}`));
  });
  const fail = (error) => {
    exited = true;
    for (const w of waiting.splice(0)) w.reject(error);
  };
  child.on("error", fail);
  // A child that died before reading its request: EPIPE on its standard input.
  child.stdin.on("error", fail);
  return {
    ask(request) {
      if (exited) return Promise.reject(new Error(`${command} is not running`));
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify(request)}\n`);
      }).then((answer) => {
        if (answer.error) throw new Error(answer.error);
        return answer;
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

const versions = { node: process.version };
const peerEnv = { ...process.env };
delete peerEnv.OPENBLAS_CORETYPE;
delete peerEnv.OPENBLAS_L2_SIZE;
let python;
let pythonNote = "not run (--no-peers)";
let js;
let jsPeers = [];
let jsNote = "not run (--no-peers)";
const sameData = [];
if (!noPeers) {
  try {
    python = server("python3", [join(here, "peers.py")], { env: peerEnv });
    Object.assign(versions, await python.ask({ op: "versions" }));
    // Both sides time the same numbers: bench/timing.mjs's LCG, rebuilt in numpy.
    for (const [n, Type, dtype] of [
      [1000, Float64Array, "float64"],
      [1000, Float32Array, "float32"],
    ]) {
      const theirs = await python.ask({ op: "data", n, dtype });
      const ours = logits(n, Type);
      let sum = 0;
      for (const x of ours) sum += x;
      const same =
        theirs.head.every((x, i) => x === ours[i]) &&
        Math.abs(theirs.sum - sum) <= 1e-9 * Math.abs(sum);
      sameData.push(`${dtype} ${same ? "identical" : "DIFFERENT"}`);
      if (!same) throw new Error(`bench/peers.py's ${dtype} logits differ from bench/timing.mjs's`);
    }
    pythonNote = `python ${versions.python}, numpy ${versions.numpy}, scipy ${versions.scipy}; same logits as ours (${sameData.join(", ")})`;
  } catch (error) {
    python?.close();
    python = undefined;
    pythonNote = `unavailable: ${error.message.split("\n")[0]}`;
    log(`python peers ${pythonNote}`);
  }
  if (existsSync(join(here, "node_modules"))) {
    try {
      js = server(process.execPath, [join(here, "js-peers.mjs")], { cwd: here });
      const answer = await js.ask({ op: "peers" });
      jsPeers = answer.peers;
      Object.assign(versions, answer.versions);
      jsNote = jsPeers.length > 0 ? `available: ${jsPeers.join(", ")}` : "none could load";
    } catch (error) {
      js = undefined;
      jsNote = `unavailable: ${error.message.split("\n")[0]}`;
    }
  } else {
    jsNote = "not installed (npm run bench installs them: npm --prefix bench ci)";
  }
  log(`JavaScript peers ${jsNote}`);
}

// ---- The comparisons ---------------------------------------------------------------------------
const sizes = smoke ? [1000] : [1e3, 1e5, 1e6, 1e7];
const mid = smoke ? 1000 : 1e6;

/** Our side of a comparison: a function to time on its own data. */
function oursCase(name, n, make) {
  return { name, n, make };
}
const data = new Map();
/** The logits of length n (float64 or float32), made once. */
function cached(key, make) {
  if (!data.has(key)) data.set(key, make());
  return data.get(key);
}
const z64 = (n) => cached(`64:${n}`, () => logits(n));
const z32 = (n) => cached(`32:${n}`, () => logits(n, Float32Array));

/** A Python peer. */
const py = (peer, dtype, label) => ({ kind: "python", peer, dtype, label });
/** A JavaScript peer served from bench/node_modules. */
const jsPeer = (peer, label) => ({ kind: "js", peer, label });
/** A JavaScript function timed in this process. */
const local = (label, make) => ({ kind: "local", make, label });

const tunedScalar = (n) => {
  const z = z64(n);
  const out = new Float64Array(n);
  return () => {
    let m = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) if (z[i] > m) m = z[i];
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(z[i] - m);
      out[i] = e;
      s += e;
    }
    for (let i = 0; i < n; i++) out[i] /= s;
  };
};
const withBackend = (choice, f) => async () => {
  setKernelBackend(choice);
  try {
    return await f();
  } finally {
    setKernelBackend("auto");
  }
};

/**
 * Groups of comparisons. Each case: our side, its peers, and the pairing (said in every row).
 * `ours` is timed once per round and each peer right after it.
 */
const groups = [
  {
    id: "allocating",
    title: "Allocating, float64: each side returns a new array",
    cases: sizes.map((n) => ({
      n,
      dtype: "float64",
      ours: oursCase("gibbs-softmax `softmax(z)`", n, () => {
        const z = z64(n);
        return () => softmax(z);
      }),
      peers: [
        py(
          "numpy-seed",
          "float64",
          "the seed lecture's numpy code `np.exp(a) / np.sum(np.exp(a))`",
        ),
        py("scipy-softmax", "float64", "`scipy.special.softmax(a)`"),
        ...(n === mid ? [jsPeer("ort-float64", "onnxruntime-node Softmax (float64)")] : []),
      ],
    })),
  },
  {
    id: "out",
    title: "Into `out`, float64: each side writes into an array it is given",
    cases: sizes.map((n) => ({
      n,
      dtype: "float64",
      ours: oursCase("gibbs-softmax `softmax(z, { out })`", n, () => {
        const z = z64(n);
        const out = new Float64Array(n);
        return () => softmax(z, { out });
      }),
      peers: [
        py("numpy-out", "float64", "numpy with `out=` (max, subtract, exp, sum, divide into `o`)"),
      ],
    })),
  },
  {
    id: "float32",
    title: "Float32 in, float32 out",
    cases: [
      {
        n: mid,
        dtype: "float32",
        ours: oursCase("gibbs-softmax `softmax(z32, { out: out32 })`", mid, () => {
          const z = z32(mid);
          const out = new Float32Array(mid);
          return () => softmax(z, { out });
        }),
        peers: [
          py("numpy-out", "float32", "numpy float32 with `out=` (into `o`)"),
          jsPeer("tfjs-wasm", "tfjs `softmax`, wasm backend (returns a new tensor)"),
          jsPeer("tfjs-cpu", "tfjs `softmax`, cpu backend (returns a new tensor)"),
          jsPeer("ort-float32", "onnxruntime-node Softmax (returns a new tensor)"),
        ],
      },
    ],
  },
  {
    id: "lse",
    title: "logSumExp, float64: each side returns a number",
    cases: [
      {
        n: mid,
        dtype: "float64",
        ours: oursCase("gibbs-softmax `logSumExp(z)`", mid, () => {
          const z = z64(mid);
          return () => logSumExp(z);
        }),
        peers: [
          py("scipy-logsumexp", "float64", "`scipy.special.logsumexp(a)`"),
          py("numpy-logsumexp", "float64", "numpy `m + np.log(np.sum(np.exp(a - m)))`"),
        ],
      },
    ],
  },
  {
    id: "js",
    title: "Among JavaScript implementations, float64",
    cases: [
      ...[
        [backend, "auto"],
        ["JavaScript path", "js"],
      ].map(([label, choice]) => ({
        n: mid,
        dtype: "float64",
        ours: oursCase(`gibbs-softmax \`softmax(z, { out })\`, ${label}`, mid, () => {
          const z = z64(mid);
          const out = new Float64Array(mid);
          return withBackend(choice, () => softmax(z, { out }));
        }),
        peers: [
          local(
            "a tuned scalar loop with Math.exp into `out` (3 passes, no validation)",
            tunedScalar,
          ),
        ],
      })),
      {
        n: mid,
        dtype: "float64",
        ours: oursCase(`gibbs-softmax \`softmax(z)\`, ${backend}`, mid, () => {
          const z = z64(mid);
          return () => softmax(z);
        }),
        peers: [
          local(
            "the seed code ported to JavaScript: `a.map(Math.exp)`, `reduce`, `map` (allocates)",
            (n) => {
              const plain = Array.from(z64(n));
              return () => {
                const e = plain.map(Math.exp);
                const s = e.reduce((a, b) => a + b, 0);
                return e.map((x) => x / s);
              };
            },
          ),
        ],
      },
    ],
  },
];

/** Whether a peer can run in this run. */
function peerAvailable(p) {
  if (p.kind === "local") return true;
  if (p.kind === "python") return python !== undefined;
  return js !== undefined && jsPeers.includes(p.peer);
}

async function timePeer(p, n) {
  const { repeats, warmupMs } = roundRepeats(n);
  if (p.kind === "local") return timeIt(p.make(n), n, roundRepeats(n));
  if (p.kind === "python")
    return (
      await python.ask({
        op: "time",
        peer: p.peer,
        n,
        dtype: p.dtype,
        repeats,
        warmup_ms: warmupMs ?? 300,
      })
    ).ns_per_element;
  return (await js.ask({ op: "time", peer: p.peer, n, repeats })).ns_per_element;
}

// Every case's figures. Ours is timed right before each peer, so each pair is back to back:
// per peer, ours[] and theirs[] per round (same index); the case's own row pools every ours.
const measured = [];
for (const g of groups) {
  for (const c of g.cases) {
    measured.push({
      group: g,
      c,
      ours: [],
      peers: c.peers
        .filter((p) => !noPeers || p.kind === "local")
        .map((p) => ({ p, ours: [], theirs: [], skipped: undefined })),
    });
  }
}
// --no-peers (for checking a suite) skips the comparisons altogether.
const plannedRounds = noPeers ? 0 : rounds;
for (let round = 1; round <= plannedRounds; round++) {
  for (const m of measured) {
    const f = m.c.ours.make();
    for (const entry of m.peers) {
      if (!peerAvailable(entry.p)) {
        entry.skipped =
          entry.p.kind === "python" ? `Python peers ${pythonNote}` : `JavaScript peers ${jsNote}`;
        entry.ours.push(undefined);
        entry.theirs.push(undefined);
        continue;
      }
      const ours = await timeIt(f, m.c.n, roundRepeats(m.c.n));
      m.ours.push(ours);
      entry.ours.push(ours);
      try {
        entry.theirs.push(await timePeer(entry.p, m.c.n));
      } catch (error) {
        entry.skipped = error.message.split("\n")[0];
        entry.theirs.push(undefined);
      }
    }
    if (m.peers.every((e) => e.ours.at(-1) === undefined)) {
      // No peer could run: still time ours, so its row has a figure.
      m.ours.push(await timeIt(f, m.c.n, roundRepeats(m.c.n)));
    }
  }
  log(
    `round ${round}/${plannedRounds}: ${measured
      .flatMap((m) =>
        m.peers
          .filter((e) => e.theirs.at(-1) !== undefined)
          .map(
            (e) =>
              `${m.group.id}/${e.p.peer ?? "local"}@${m.c.n}: ${(e.ours.at(-1) / e.theirs.at(-1)).toFixed(2)}`,
          ),
      )
      .join(", ")}`,
  );
}
python?.close();
js?.close();

/** Median and range of a list of numbers (undefined entries dropped). */
function spread(xs) {
  const v = xs.filter((x) => x !== undefined && Number.isFinite(x));
  if (v.length === 0) return undefined;
  return { median: median(v), lo: Math.min(...v), hi: Math.max(...v), count: v.length };
}
/** Per-round ratios ours/theirs, each from one back-to-back pair. */
function ratios(_m, entry) {
  return spread(
    entry.ours.map((o, i) =>
      o === undefined || entry.theirs[i] === undefined ? undefined : o / entry.theirs[i],
    ),
  );
}
const rangeText = (s, d = 2) =>
  s === undefined
    ? "—"
    : s.count === 1
      ? fmt(s.median, d)
      : `${fmt(s.median, d)} (${fmt(s.lo, d)}–${fmt(s.hi, d)})`;

// ---- One-off figures: profile, temperature and logSoftmax, sweeps, rows, memory ----------------
const rows = []; // { name, dtype, n, ns, note }
const add = (row) => {
  rows.push(row);
  log(
    `${row.name.padEnd(58)} ${row.dtype.padEnd(8)} n=${String(row.n).padEnd(9)} ${row.ns.toFixed(2)} ns/element`,
  );
};
let float32Ulps = 0;
{
  const z = z32(mid);
  const out = new Float32Array(mid);
  softmax(z, { out });
  const exact = softmax(z);
  for (let i = 0; i < mid; i++) float32Ulps = Math.max(float32Ulps, ulp32(out[i], exact[i]));
}
for (const choice of ["auto", "js"]) {
  setKernelBackend(choice);
  const label = choice === "auto" ? backend : "JavaScript path";
  const z = z64(mid);
  const out = new Float64Array(mid);
  add({
    name: `gibbs-softmax softmax at τ = 0.7 into out, ${label}`,
    dtype: "float64",
    n: mid,
    ns: await timeIt(() => softmax(z, { out, temperature: 0.7 }), mid, repeatsFor(mid)),
  });
  add({
    name: `gibbs-softmax logSoftmax into out, ${label}`,
    dtype: "float64",
    n: mid,
    ns: await timeIt(() => logSoftmax(z, { out }), mid, repeatsFor(mid)),
  });
  add({
    name: `gibbs-softmax logSumExp, ${label}`,
    dtype: "float32",
    n: mid,
    ns: await timeIt(() => logSumExp(z32(mid)), mid, repeatsFor(mid)),
  });
  const o32 = new Float32Array(mid);
  add({
    name: `gibbs-softmax softmax float32 into float32 out, ${label}`,
    dtype: "float32",
    n: mid,
    ns: await timeIt(() => softmax(z32(mid), { out: o32 }), mid, repeatsFor(mid)),
  });
  setKernelBackend("auto");
}

// Where the time of softmax goes on the kernel (float64): each pass alone.
const profile = [];
if (backend === "wasm-simd") {
  const K = accel.active();
  const z = z64(mid);
  const out = new Float64Array(mid);
  const c = accel.scanTyped(K, z).hi;
  const [sumHi, sumLo] = accel.weightsTyped(K, z, UNIT, c, out);
  const chunks = (f) => () => {
    // The pieces the library streams through when the input exceeds one buffer.
    const step = mid <= K.chunk ? K.chunk : 32768;
    for (let i = 0; i < mid; i += step) f(i, Math.min(step, mid - i));
  };
  const parts = [
    [
      "copy into the kernel's buffer (per pass that reads the input)",
      chunks((i, len) => K.in64.set(z.subarray(i, i + len))),
    ],
    [
      "copy out of the kernel's buffer (per pass that writes)",
      chunks((i, len) => out.set(K.out64.subarray(0, len), i)),
    ],
    ["pass 1 kernel: validation scan (min, max, NaN/∞)", chunks((_, len) => K.x.scanF64(len))],
    [
      "pass 2 kernel: exp in double-double + compensated sum",
      chunks((_, len) => K.x.weights(len, c, 1, 1, 1)),
    ],
    [
      "pass 3 kernel: division by the sum",
      chunks((_, len) => K.x.normalizeF64(len, sumHi, -sumLo / sumHi)),
    ],
    ["pass 1 with its copies", () => accel.scanTyped(K, z)],
    ["pass 2 with its copies", () => accel.weightsTyped(K, z, UNIT, c, out)],
    ["pass 3 with its copies", () => accel.normalizeTyped(K, out, sumHi, sumLo)],
    ["softmax, whole call", () => softmax(z, { out })],
  ];
  for (const [what, f] of parts) {
    profile.push({ what, ns: await timeIt(f, mid, repeatsFor(mid)) });
    log(`profile: ${what.padEnd(64)} ${profile.at(-1).ns.toFixed(2)} ns/element`);
  }
}

// Sweeps: 10⁵ levels × 10³ temperatures (smoke: 200 × 20).
const [levelsN, tempsN] = smoke ? [200, 20] : [1e5, 1e3];
const E = logits(levelsN, Float64Array, 7).map((x) => x + 10);
const temperatures = temperatureGrid({ from: 0.01, to: 100, points: tempsN });
const sweepMs = {};
for (const [label, run] of [
  ["sweep (one thread)", () => sweep(E, { temperatures })],
  [
    "sweepParallel (2 workers)",
    () => sweepParallel(E, { temperatures, workers: 2, minimumWork: 0 }),
  ],
]) {
  const ns = await timeIt(run, levelsN * tempsN, { repeats: smoke ? 1 : 5, warmup: 1 });
  sweepMs[label] = (ns * levelsN * tempsN) / 1e6;
  add({
    name: `gibbs-softmax ${label}, all columns`,
    dtype: "float64",
    n: levelsN * tempsN,
    ns,
    note: `${levelsN} levels × ${tempsN} temperatures: ${sweepMs[label].toFixed(0)} ms`,
  });
}

// A batch of LLM logits: 4096 rows × 32 000 classes in float32 (smoke: 8 × 100).
const [R, C] = smoke ? [8, 100] : [4096, 32000];
{
  const m = logits(R * C, Float32Array, 3);
  const out = new Float32Array(R * C);
  const ns = await timeIt(() => softmaxRows(m, { columns: C, out }), R * C, {
    repeats: smoke ? 1 : 3,
    warmup: 1,
  });
  add({
    name: "gibbs-softmax softmaxRows (float32 into float32 out)",
    dtype: "float32",
    n: R * C,
    ns,
    note: `${R} × ${C}: ${((ns * R * C) / 1e6).toFixed(0)} ms per batch`,
  });
}

// Peak memory of softmax on 10⁷ (smoke: 10⁵), in a fresh process.
const memN = smoke ? 1e5 : 1e7;
const memScript = `
const { softmax } = await import(${JSON.stringify(pathToFileURL(join(root, "dist", "index.js")).href)});
const n = ${memN};
const z = new Float64Array(n); for (let i = 0; i < n; i++) z[i] = Math.sin(i) * 10;
const out = new Float64Array(n); out.fill(0);
softmax(z.subarray(0, 1000), { out: out.subarray(0, 1000) });
const before = process.resourceUsage().maxRSS * 1024;
softmax(z, { out });
const after = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ before, after }));`;
const mem = JSON.parse(
  execFileSync(process.execPath, ["--input-type=module", "-e", memScript], { encoding: "utf8" }),
);
const memoryExtra = mem.after - mem.before;
log(
  `peak RSS of softmax on ${memN}: +${(memoryExtra / 1e6).toFixed(1)} MB over input and output (${((16 * memN) / 1e6).toFixed(0)} MB)`,
);

// ---- Suites (bench/suites/*.mjs): one topic each, with its own peers and goals ----------------
const suiteSections = [];
{
  const ctx = suiteContext({ smoke, rounds, root, here, log });
  for (const file of suiteFiles(here)) {
    if (onlySuite !== undefined && !file.includes(onlySuite)) continue;
    log(`suite ${file}`);
    const { default: suite } = await import(pathToFileURL(join(here, "suites", file)).href);
    suiteSections.push(await suite(ctx));
  }
}

// ---- The report ------------------------------------------------------------------------------
/** "0.62× its time" or "2.90× its time" with the rounds' range. */
const ratioText = (s) =>
  s === undefined
    ? "not measured"
    : `${fmt(s.median)}×${s.count > 1 ? ` (rounds ${fmt(s.lo)}–${fmt(s.hi)})` : ""}`;
const find = (groupId, n, peerKey) => {
  const m = measured.find(
    (x) =>
      x.group.id === groupId &&
      x.c.n === n &&
      x.peers.some((e) => (e.p.peer ?? e.p.label) === peerKey),
  );
  const entry = m?.peers.find((e) => (e.p.peer ?? e.p.label) === peerKey);
  return m && entry ? { m, entry, r: ratios(m, entry) } : undefined;
};

// Goals (issue 3), now from like-for-like pairs.
const goals = [];
const ratioGoal = (label, hit, target, better) => {
  if (hit?.r === undefined) {
    goals.push({ label, value: "—", met: smoke ? "smoke run" : "not measured" });
    return;
  }
  const r = hit.r.median;
  const value =
    better === "lower"
      ? `${fmt(r)}× the peer's time (rounds: ${fmt(hit.r.lo)}–${fmt(hit.r.hi)})`
      : `${fmt(1 / r, 1)}× faster (rounds: ${fmt(1 / hit.r.hi, 1)}–${fmt(1 / hit.r.lo, 1)})`;
  const met = better === "lower" ? r <= target : 1 / r >= target;
  goals.push({ label, value, met: smoke ? "smoke run" : met ? "met" : "not met" });
};
for (const n of sizes)
  ratioGoal(
    `softmax float64, n = ${sizeName(n)}, allocating, vs the numpy seed code (≤ 1.0)`,
    find("allocating", n, "numpy-seed"),
    1,
    "lower",
  );
ratioGoal(
  "softmax float32 → float32, vs tfjs-wasm (≤ 1.0)",
  find("float32", mid, "tfjs-wasm"),
  1,
  "lower",
);
ratioGoal(
  "logSumExp float64 vs scipy.special.logsumexp (≥ 5× faster)",
  find("lse", mid, "scipy-logsumexp"),
  5,
  "higher",
);
const fastestSweep = Math.min(...Object.values(sweepMs));
goals.push({
  label: `sweep of ${levelsN} levels × ${tempsN} temperatures, all columns (< 1 s)`,
  value: `${fastestSweep.toFixed(0)} ms (one thread ${sweepMs["sweep (one thread)"].toFixed(0)} ms)`,
  met: smoke ? "smoke run" : fastestSweep < 1000 ? "met" : "not met",
});
goals.push({
  label: `peak memory of softmax on ${memN.toExponential(0)}: input + output + a small constant`,
  value: `+${(memoryExtra / 1e6).toFixed(1)} MB over ${((16 * memN) / 1e6).toFixed(0)} MB of input and output`,
  met: memoryExtra < 8e6 ? "met" : "not met",
});
for (const section of suiteSections) goals.push(...section.goals);

// The summary, copied into README.md: every peer of the comparisons, with its ratio.
const summary = [];
{
  const list = (groupId, peerKey, ns) =>
    ns
      .map((n) => {
        const hit = find(groupId, n, peerKey);
        return hit ? `${ratioText(hit.r)} at ${sizeName(n)}` : undefined;
      })
      .filter((x) => x !== undefined)
      .join(", ");
  const peersOf = (groupId) => {
    const seen = new Map();
    for (const m of measured.filter((x) => x.group.id === groupId))
      for (const e of m.peers) seen.set(e.p.peer ?? e.p.label, e.p.label);
    return [...seen.entries()];
  };
  const sizesOf = (groupId, key) =>
    measured
      .filter((x) => x.group.id === groupId && x.peers.some((e) => (e.p.peer ?? e.p.label) === key))
      .map((x) => x.c.n);
  summary.push(
    "Each figure is our time divided by the peer's, timed back to back: below 1 we are faster, above 1 slower. The median over the rounds comes first, then the range.",
    "",
  );
  summary.push(
    `- **Allocating, float64** (\`softmax(z)\` returns a new array, as the peers do): ${peersOf(
      "allocating",
    )
      .map(
        ([key, label]) =>
          `against ${label}: ${list("allocating", key, sizesOf("allocating", key))}`,
      )
      .join("; ")}.`,
  );
  summary.push(
    `- **Into \`out\`, float64** (\`softmax(z, { out })\`; no allocation on either side): ${peersOf(
      "out",
    )
      .map(([key, label]) => `against ${label}: ${list("out", key, sizesOf("out", key))}`)
      .join("; ")}.`,
  );
  summary.push(
    `- **Float32 in and out, ${sizeName(mid)}** (\`softmax(z32, { out: out32 })\`, within ${float32Ulps} float32 ulp of the float64 answer): ${peersOf(
      "float32",
    )
      .map(([key, label]) => `against ${label}: ${list("float32", key, [mid])}`)
      .join("; ")}.`,
  );
  summary.push(
    `- **\`logSumExp\`, float64, ${sizeName(mid)}**: ${peersOf("lse")
      .map(([key, label]) => `against ${label}: ${list("lse", key, [mid])}`)
      .join("; ")}.`,
  );
  const jsCases = measured.filter((x) => x.group.id === "js");
  summary.push(
    `- **Among JavaScript implementations, float64, ${sizeName(mid)}**: ${jsCases
      .flatMap((m) =>
        m.peers.map((e) => `${m.c.ours.name} against ${e.p.label}: ${ratioText(ratios(m, e))}`),
      )
      .join("; ")}.`,
  );
  summary.push(
    `- **A sweep of ${levelsN.toLocaleString("en-US")} levels × ${tempsN.toLocaleString("en-US")} temperatures**, every thermodynamic column: ${sweepMs["sweep (one thread)"].toFixed(0)} ms on one thread, ${sweepMs["sweepParallel (2 workers)"].toFixed(0)} ms with two workers (one measurement each).`,
  );
}

const cpu = cpus()[0]?.model ?? "unknown";
const command = smoke ? "node bench/harness.mjs --smoke" : `npm run bench -- --rounds ${rounds}`;
const lines = [];
lines.push("# Benchmarks", "");
lines.push(
  `Generated by \`${command}\` on ${new Date().toISOString().slice(0, 10)}, measured at commit ${measuredAt}.`,
  `Kernel sources: \`${kernel}\` (sha256 of ${KERNEL_SOURCES.map((f) => `\`${f}\``).join(", ")}; test/benchmarks-fresh.test.ts fails when they change, until this page is regenerated).`,
  "",
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${Object.entries(
    versions,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ", ",
    )}. The machine is shared; figures taken minutes apart do not compare, so every comparison below is timed in ${rounds} round${rounds === 1 ? "" : "s"}, ours and the peer's back to back in each.`,
  "",
  `Python peers: ${pythonNote}. JavaScript peers: ${jsNote}. The Python peers run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.`,
  "",
);
lines.push(
  "## Summary",
  "",
  "<!-- The README's speed figures: copied from here by the harness. -->",
  "",
  ...summary,
  "",
);
lines.push(
  "## Like for like",
  "",
  "Nanoseconds per element (lower is better) and our time over the peer's: the median over the rounds, then the range of the per-round figures. Our figures include validating every element (NaN, infinities, masks) and the accuracy guarantee (docs/testing.md); the peers do neither.",
);
for (const g of groups) {
  lines.push(
    "",
    `### ${g.title}`,
    "",
    "| ours | peer | n | ours ns/element | peer ns/element | ours / peer |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
  );
  for (const m of measured.filter((x) => x.group === g)) {
    const o = spread(m.ours);
    for (const e of m.peers) {
      const t = spread(e.theirs);
      lines.push(
        `| ${m.c.ours.name} | ${e.p.label}${t === undefined ? ` (not measured: ${e.skipped ?? "unavailable"})` : ""} | ${m.c.n.toLocaleString("en-US")} | ${rangeText(o)} | ${rangeText(t)} | ${t === undefined ? "—" : rangeText(ratios(m, e))} |`,
      );
    }
  }
}
lines.push(
  "",
  "## Goals (issue 3)",
  "",
  "From the pairs above (median of the per-round ratios, and their range) and the one-off figures below.",
  "",
  "| goal | measured | status |",
  "| --- | --- | --- |",
);
for (const g of goals) lines.push(`| ${g.label} | ${g.value} | ${g.met} |`);
if (profile.length > 0) {
  lines.push(
    "",
    `## Where the time goes (softmax, float64, n = ${mid.toLocaleString("en-US")}, ${backend})`,
    "",
    "Each pass timed alone on the same data, once. The kernel's buffers hold 131 072 elements; a longer input streams through them in pieces of 32 768, copied in and out by every pass (docs/performance.md), so peak memory stays input + output + about 2 MB.",
    "",
    "| part | ns/element |",
    "| --- | ---: |",
  );
  for (const p of profile) lines.push(`| ${p.what} | ${fmt(p.ns)} |`);
}
for (const section of suiteSections) lines.push("", `## ${section.title}`, "", ...section.lines);
lines.push(
  "",
  "## Other figures (one measurement each)",
  "",
  "| method | dtype | n | ns/element | note |",
  "| --- | --- | --- | ---: | --- |",
);
for (const r of rows)
  lines.push(
    `| ${r.name} | ${r.dtype} | ${r.n.toLocaleString("en-US")} | ${fmt(r.ns)} | ${r.note ?? ""} |`,
  );
lines.push("");
writeFileSync(outFile, lines.join("\n"));
log(`wrote ${outFile}`);

// README.md: the summary between its markers, when this run wrote the real report.
if (outFile === defaultOut && !smoke) {
  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = "<!-- bench-summary:start -->";
  const end = "<!-- bench-summary:end -->";
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    log("README.md has no bench-summary markers: its speed section was not updated");
  } else {
    writeFileSync(
      readmePath,
      `${readme.slice(0, a + start.length)}\n${summary.join("\n")}\n${readme.slice(b)}`,
    );
    log("updated the speed summary in README.md");
  }
}
