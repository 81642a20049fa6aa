#!/usr/bin/env node
/**
 * The benchmark harness of gibbs-softmax (issue 3). Times the library in-process (warm-up, then
 * the median of repeats, in ns per element), runs the Python peers (bench/peers.py: the seed
 * lecture's numpy code, scipy's softmax and logsumexp) and, when `bench/node_modules` is
 * installed, the JavaScript peers (tfjs cpu and wasm, onnxruntime-node), measures peak memory in
 * a child process, and writes docs/benchmarks.md: the table, the ratios against the goals, the
 * machine and the versions.
 *
 *   npm run bench                         # the full run (installs the JS peers first)
 *   node bench/harness.mjs --smoke --out F # a seconds-long run of every code path (npm test)
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { suiteContext, suiteFiles } from "./suites/context.mjs";
import { logits, timeIt } from "./timing.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const noPeers = smoke || args.includes("--no-peers");
const outIndex = args.indexOf("--out");
const outFile = outIndex >= 0 ? args[outIndex + 1] : join(root, "docs", "benchmarks.md");
const roundsIndex = args.indexOf("--rounds");
const roundsArg = roundsIndex >= 0 ? Number(args[roundsIndex + 1]) : undefined;
const onlyIndex = args.indexOf("--suite");
const onlySuite = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

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
const kernel = await import(pathToFileURL(join(root, "dist", "internal", "kernel.js")).href);
const UNIT = kernel.betaOf(kernel.LOGITS, 1, 1);
const backend = kernelBackend();

const log = (...a) => console.error(...a);

function repeatsFor(n) {
  if (smoke) return { repeats: 3, warmup: 1 };
  return n >= 1e7
    ? { repeats: 5, warmup: 1 }
    : n >= 1e6
      ? { repeats: 15, warmup: 3 }
      : { repeats: 41, warmup: 5 };
}

/** Distance in float32 ulps between a float32 value and the float32 rounding of an exact double. */
function ulp32(got, exact) {
  const f = new Float32Array([got, Math.fround(exact)]);
  const u = new Int32Array(f.buffer);
  const ord = (x) => (x < 0 ? -(x & 0x7fffffff) : x);
  return Math.abs(ord(u[0]) - ord(u[1]));
}

const rows = []; // { group, name, dtype, n, ns, note }
const add = (row) => {
  rows.push(row);
  log(
    `${row.name.padEnd(58)} ${row.dtype.padEnd(8)} n=${String(row.n).padEnd(9)} ${row.ns.toFixed(2)} ns/element`,
  );
};

// ---- The library -----------------------------------------------------------------------------
const sizes = smoke ? [1000] : [1e3, 1e5, 1e6, 1e7];
for (const n of sizes) {
  const z = logits(n);
  const out = new Float64Array(n);
  add({
    group: "lib",
    name: `gibbs-softmax softmax (into out), ${backend}`,
    dtype: "float64",
    n,
    ns: await timeIt(() => softmax(z, { out }), n, repeatsFor(n)),
  });
}
const mid = smoke ? 1000 : 1e6;
{
  const z = logits(mid, Float32Array);
  const out = new Float32Array(mid);
  const ns = await timeIt(() => softmax(z, { out }), mid, repeatsFor(mid));
  const exact = softmax(z);
  let worst = 0;
  for (let i = 0; i < mid; i++) worst = Math.max(worst, ulp32(out[i], exact[i]));
  add({
    group: "lib",
    name: `gibbs-softmax softmax (float32 into float32 out), ${backend}`,
    dtype: "float32",
    n: mid,
    ns,
    note: `max ${worst} ulp (float32) from the float64 answer`,
  });
}
// softmax at τ = 0.7 (a sampling temperature) and logSoftmax, on the kernel and on the
// JavaScript path (identical results), for the speed-up.
for (const choice of ["auto", "js"]) {
  setKernelBackend(choice);
  const label = choice === "auto" ? backend : "JavaScript path";
  const z = logits(mid);
  const out = new Float64Array(mid);
  add({
    group: choice === "auto" ? "lib" : "jspath",
    name: `gibbs-softmax softmax at τ = 0.7, ${label}`,
    dtype: "float64",
    n: mid,
    ns: await timeIt(() => softmax(z, { out, temperature: 0.7 }), mid, repeatsFor(mid)),
  });
  add({
    group: choice === "auto" ? "lib" : "jspath",
    name: `gibbs-softmax logSoftmax, ${label}`,
    dtype: "float64",
    n: mid,
    ns: await timeIt(() => logSoftmax(z, { out }), mid, repeatsFor(mid)),
  });
  setKernelBackend("auto");
}

// The same calls on the portable JavaScript path (identical results), for the speed-up.
{
  setKernelBackend("js");
  const z = logits(mid);
  const out = new Float64Array(mid);
  add({
    group: "jspath",
    name: 'gibbs-softmax softmax, JavaScript path (setKernelBackend("js"))',
    dtype: "float64",
    n: mid,
    ns: await timeIt(() => softmax(z, { out }), mid, repeatsFor(mid)),
  });
  const z32 = logits(mid, Float32Array);
  const out32 = new Float32Array(mid);
  add({
    group: "jspath",
    name: "gibbs-softmax softmax float32 → float32, JavaScript path",
    dtype: "float32",
    n: mid,
    ns: await timeIt(() => softmax(z32, { out: out32 }), mid, repeatsFor(mid)),
  });
  add({
    group: "jspath",
    name: "gibbs-softmax logSumExp, JavaScript path",
    dtype: "float64",
    n: mid,
    ns: await timeIt(() => logSumExp(z), mid, repeatsFor(mid)),
  });
  setKernelBackend("auto");
}

// Where the time of softmax goes on the kernel (n = 10⁶, float64): each pass alone.
const profile = [];
if (backend === "wasm-simd") {
  const K = accel.active();
  const z = logits(mid);
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

for (const Type of [Float64Array, Float32Array]) {
  const z = logits(mid, Type);
  const dtype = Type === Float64Array ? "float64" : "float32";
  add({
    group: "lib",
    name: `gibbs-softmax logSumExp, ${backend}`,
    dtype,
    n: mid,
    ns: await timeIt(() => logSumExp(z), mid, repeatsFor(mid)),
  });
}
{
  const z = logits(mid);
  const out = new Float64Array(mid);
  const tuned = () => {
    let m = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < mid; i++) if (z[i] > m) m = z[i];
    let s = 0;
    for (let i = 0; i < mid; i++) {
      const e = Math.exp(z[i] - m);
      out[i] = e;
      s += e;
    }
    for (let i = 0; i < mid; i++) out[i] /= s;
  };
  add({
    group: "js",
    name: "tuned scalar JS with Math.exp (3 passes, no validation)",
    dtype: "float64",
    n: mid,
    ns: await timeIt(tuned, mid, repeatsFor(mid)),
  });
  const plain = Array.from(z);
  const seed = () => {
    const e = plain.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  };
  add({
    group: "js",
    name: "the seed code ported: Array.map(Math.exp)",
    dtype: "float64",
    n: mid,
    ns: await timeIt(seed, mid, { repeats: smoke ? 1 : 5, warmup: 1 }),
  });
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
    group: "sweep",
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
    group: "rows",
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

// ---- Peers -----------------------------------------------------------------------------------
const versions = { node: process.version };
let peerRows = [];
const seedName = "numpy seed code";
if (!noPeers) {
  try {
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const text = execFileSync("python3", [join(here, "peers.py"), ...sizes.map(String)], {
      env,
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const py = JSON.parse(text);
    Object.assign(versions, py.versions);
    peerRows = py.results.map((r) => ({
      group: "python",
      name: r.name,
      dtype: r.dtype,
      n: r.n,
      ns: r.ns_per_element,
    }));
    for (const r of peerRows) add(r);
  } catch (error) {
    log(`python peers skipped: ${error.message.split("\n")[0]}`);
  }
  if (existsSync(join(here, "node_modules"))) {
    try {
      const text = execFileSync(process.execPath, [join(here, "js-peers.mjs"), "1000000"], {
        cwd: here,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        maxBuffer: 1 << 24,
      });
      const js = JSON.parse(text);
      Object.assign(versions, js.versions);
      for (const r of js.results)
        add({ group: "jspeer", name: r.name, dtype: r.dtype, n: r.n, ns: r.ns_per_element });
    } catch (error) {
      log(`JavaScript peers skipped: ${error.message.split("\n")[0]}`);
    }
  } else {
    log("JavaScript peers not installed (npm run bench installs them into bench/node_modules)");
  }
}

// ---- Paired rounds for the goals ------------------------------------------------------------
// This machine is shared: its speed drifts by 2× over minutes, so figures taken minutes apart do
// not compare. For each goal, ours and the peer's are timed back to back, in several rounds, and
// the goal's ratio is the median of the per-round ratios (the range is reported too).
// The smoke run (npm test) does one small round, so this code cannot rot; --no-peers does none.
const rounds = smoke ? 1 : noPeers ? 0 : (roundsArg ?? 5);
const pairs = new Map(); // goal key → [{ ours, theirs }]
const pair = (key, ours, theirs) => {
  if (ours === undefined || theirs === undefined) return;
  if (!pairs.has(key)) pairs.set(key, []);
  pairs.get(key).push({ ours, theirs });
};
const peerEnv = { ...process.env };
delete peerEnv.OPENBLAS_CORETYPE;
delete peerEnv.OPENBLAS_L2_SIZE;
const quick = (n) => (n >= 1e7 ? { repeats: 3, warmup: 1 } : { repeats: 9, warmup: 2 });
for (let round = 1; round <= rounds; round++) {
  const ours = {};
  for (const n of sizes) {
    const z = logits(n);
    const out = new Float64Array(n);
    ours[`softmax-${n}`] = await timeIt(() => softmax(z, { out }), n, quick(n));
  }
  const z = logits(mid);
  ours.lse = await timeIt(() => logSumExp(z), mid, quick(mid));
  const z32 = logits(mid, Float32Array);
  const out32 = new Float32Array(mid);
  ours.f32 = await timeIt(() => softmax(z32, { out: out32 }), mid, quick(mid));
  try {
    const py = JSON.parse(
      execFileSync("python3", [join(here, "peers.py"), "--goals", ...sizes.map(String)], {
        env: peerEnv,
        encoding: "utf8",
      }),
    ).results;
    for (const n of sizes) {
      const seed = py.find((r) => r.n === n && r.name.startsWith(seedName));
      pair(`softmax-${n}`, ours[`softmax-${n}`], seed?.ns_per_element);
    }
    const lse = py.find((r) => r.name === "scipy.special.logsumexp");
    pair("lse", ours.lse, lse?.ns_per_element);
  } catch (error) {
    log(`python peers (round ${round}) skipped: ${error.message.split("\n")[0]}`);
  }
  if (existsSync(join(here, "node_modules"))) {
    try {
      const js = JSON.parse(
        execFileSync(
          process.execPath,
          [join(here, "js-peers.mjs"), String(mid), "--tfjs-wasm-only"],
          { cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
        ),
      ).results;
      pair("f32", ours.f32, js[0]?.ns_per_element);
    } catch (error) {
      log(`tfjs-wasm (round ${round}) skipped: ${error.message.split("\n")[0]}`);
    }
  }
  log(
    `round ${round}: ${[...pairs.entries()]
      .map(([k, v]) => `${k} ${(v.at(-1).ours / v.at(-1).theirs).toFixed(2)}`)
      .join(", ")}`,
  );
}

// ---- Suites (bench/suites/*.mjs): one topic each, with its own peers and goals ----------------
const suiteSections = [];
{
  const ctx = suiteContext({
    smoke,
    rounds: smoke ? 1 : (roundsArg ?? 5),
    root,
    here,
    log,
  });
  for (const file of suiteFiles(here)) {
    if (onlySuite !== undefined && !file.includes(onlySuite)) continue;
    log(`suite ${file}`);
    const { default: suite } = await import(pathToFileURL(join(here, "suites", file)).href);
    suiteSections.push(await suite(ctx));
  }
}

// ---- The report ------------------------------------------------------------------------------
const fmt = (x, d = 2) => (x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(d));
const goals = [];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** A goal from the paired rounds: "lower" means our time ≤ target × theirs, "higher" ≥ target× faster. */
const ratioGoal = (label, key, target, better) => {
  const ps = pairs.get(key) ?? [];
  if (ps.length === 0) {
    goals.push({ label, value: "—", met: smoke ? "smoke run" : "not measured" });
    return;
  }
  const ratios = ps.map((p) => p.ours / p.theirs);
  const r = median(ratios);
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  const value =
    better === "lower"
      ? `${fmt(r)}× the peer's time (rounds: ${fmt(lo)}–${fmt(hi)}; ours ${fmt(median(ps.map((p) => p.ours)))}, peer ${fmt(median(ps.map((p) => p.theirs)))} ns/element)`
      : `${fmt(1 / r, 1)}× faster (rounds: ${fmt(1 / hi, 1)}–${fmt(1 / lo, 1)}; ours ${fmt(median(ps.map((p) => p.ours)))}, peer ${fmt(median(ps.map((p) => p.theirs)))} ns/element)`;
  const met = better === "lower" ? r <= target : 1 / r >= target;
  goals.push({ label, value, met: met ? "met" : "not met" });
};
for (const n of sizes)
  ratioGoal(
    `softmax float64, n = ${n.toExponential(0)}, vs the numpy seed code (≤ 1.0)`,
    `softmax-${n}`,
    1,
    "lower",
  );
ratioGoal("softmax float32 → float32, n = 1e6, vs tfjs-wasm (≤ 1.0)", "f32", 1, "lower");
ratioGoal(
  "logSumExp float64, n = 1e6, vs scipy.special.logsumexp (≥ 5× faster)",
  "lse",
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

const cpu = cpus()[0]?.model ?? "unknown";
const lines = [];
lines.push("# Benchmarks", "");
lines.push(
  `Generated by \`${smoke ? "node bench/harness.mjs --smoke" : "npm run bench"}\` on ${new Date().toISOString().slice(0, 10)}. Every figure is the median of several runs after warm-up, in nanoseconds per element (lower is better); ratios compare figures from this one run.`,
  "",
);
lines.push(
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${Object.entries(
    versions,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}.`,
  "",
);
lines.push(
  "## Goals (issue 3)",
  "",
  rounds > 0
    ? `Ratios against peers come from ${rounds} paired round${rounds === 1 ? "" : "s"}: in each, ours and the peer's are timed back to back, and the goal's ratio is the median of the rounds' ratios (the machine is shared, and its speed drifts over minutes). The other figures come from the table below.`
    : "No peers in this run (smoke or --no-peers).",
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
    "Each pass timed alone on the same data. The kernel's buffers hold 131 072 elements; a longer input streams through them in pieces of 32 768, copied in and out by every pass (docs/performance.md), so peak memory stays input + output + about 2 MB.",
    "",
    "| part | ns/element |",
    "| --- | ---: |",
  );
  for (const p of profile) lines.push(`| ${p.what} | ${fmt(p.ns)} |`);
}
for (const section of suiteSections) lines.push("", `## ${section.title}`, "", ...section.lines);
lines.push(
  "",
  "## All figures",
  "",
  "| method | dtype | n | ns/element | note |",
  "| --- | --- | --- | ---: | --- |",
);
for (const r of rows)
  lines.push(
    `| ${r.name} | ${r.dtype} | ${r.n.toLocaleString("en-US")} | ${fmt(r.ns)} | ${r.note ?? ""} |`,
  );
lines.push(
  "",
  "The library's figures include validation of every element (NaN, infinities, masks) and its accuracy guarantee (≤ 4 ulp against 50-digit references, test/accuracy.test.ts); the peers do neither. The Python peers run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.",
  "",
);
writeFileSync(outFile, `${lines.join("\n")}`);
log(`wrote ${outFile}`);
