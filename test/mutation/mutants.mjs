/**
 * Planted bugs for the mutation pass (test/mutation/plant.mjs, docs/testing.md). Each replaces
 * one exact piece of source text (it must occur exactly once, or the mutant is reported stale)
 * and names the test files that must catch it. Small, plausible slips in the numeric folders:
 * a dropped constant, a wrong order, an off-by-one, a lost compensation term, a flipped tie.
 */

const CORE = [
  "test/accuracy.test.ts",
  "test/edge-cases.test.ts",
  "test/properties.test.ts",
  "test/properties-kb.test.ts",
  "test/softmax.test.ts",
  "test/sweep.test.ts",
  "test/bridge.test.ts",
  "test/wasm.test.ts",
];
const SAMPLING = [
  "test/sampling-semantics.test.ts",
  "test/softmax.test.ts",
  "test/edge-cases.test.ts",
];
const SWEEP = [
  "test/sweep.test.ts",
  "test/sweep-kb.test.ts",
  "test/properties-kb.test.ts",
  "test/parallel.test.ts",
];

/** @type {{ id: string, file: string, what: string, find: string, replace: string, tests: string[] }[]} */
export const MUTANTS = [
  // ---- The two bugs of issue 15 ----
  {
    id: "fused-kB-C",
    file: "src/sweep/fused.ts",
    what: "the fused sweep drops kB from the heat capacity",
    find: "heatCapacity: kB * V,",
    replace: "heatCapacity: V,",
    tests: SWEEP,
  },
  {
    id: "topP-ignores-topK-mass",
    file: "src/softmax/sample.ts",
    what: "top-p measures the mass against 1, not against what top-k left",
    find: "const target = topP * mass * (1 - 1e-12);",
    replace: "const target = topP * (1 - 1e-12);",
    tests: SAMPLING,
  },
  // ---- Sampling ----
  {
    id: "sample-misweight-1pc",
    file: "src/softmax/sample.ts",
    what: "the draw weighs state 1 by 1.01",
    find: "    cumulative += pi;\n    last = i;",
    replace: "    cumulative += i === 1 ? pi * 1.01 : pi;\n    last = i;",
    tests: SAMPLING,
  },
  {
    id: "minP-absolute",
    file: "src/softmax/sample.ts",
    what: "min-p as an absolute floor instead of relative to p_max",
    find: "const threshold = minP * pmax;",
    replace: "const threshold = minP;",
    tests: SAMPLING,
  },
  {
    id: "topK-ties-upper",
    file: "src/softmax/sample.ts",
    what: "top-k breaks ties toward the higher index",
    find: "(p[b] as number) - (p[a] as number) || a - b",
    replace: "(p[b] as number) - (p[a] as number) || b - a",
    tests: SAMPLING,
  },
  {
    id: "topP-keeps-one-less",
    file: "src/softmax/sample.ts",
    what: "top-p stops before the state that crosses the threshold",
    find: "          keep = j + 1;",
    replace: "          keep = Math.max(1, j);",
    tests: SAMPLING,
  },
  // ---- Sweeps ----
  {
    id: "fused-kB-S",
    file: "src/sweep/fused.ts",
    what: "the fused sweep drops kB from the entropy",
    find: "entropy: kB * (X + lnW),",
    replace: "entropy: X + lnW,",
    tests: SWEEP,
  },
  {
    id: "fused-no-ground-check",
    file: "src/sweep/fused.ts",
    what: "the fused sweep keeps its one-pass sums near the ground state (the old behaviour)",
    find: "if (!(X + lnW >= 0.0625)) return undefined;",
    replace: "",
    tests: SWEEP,
  },
  {
    id: "fused-lnW-low-part",
    file: "src/sweep/fused.ts",
    what: "the fused sweep drops the compensation of ln Σw",
    find: "const lnW = Math.log(sh) + sl / sh;",
    replace: "const lnW = Math.log(sh);",
    tests: SWEEP,
  },
  {
    id: "engine-cutoff-30",
    file: "src/sweep/engine.ts",
    what: "the sweep truncates levels below e^−30 instead of e^−750",
    find: "const CUTOFF = 750;",
    replace: "const CUTOFF = 30;",
    tests: SWEEP,
  },
  {
    id: "engine-state-weights",
    file: "src/sweep/engine.ts",
    what: "sweep occupations ignore each state's degeneracy within its level",
    find: "out[i] = (p * gi) / (weights[l] as number);",
    replace: "out[i] = (p * Math.min(gi, 1)) / (weights[l] as number);",
    tests: SWEEP,
  },
  {
    id: "worker-kB",
    file: "src/parallel/sweepParallel.ts",
    what: "sweepParallel's workers get kB = 1",
    find: "kB: prep.kB,",
    replace: "kB: 1,",
    tests: SWEEP,
  },
  // ---- Thermodynamics ----
  {
    id: "thermo-kB-C",
    file: "src/internal/thermo.ts",
    what: "thermodynamics drops kB from the heat capacity",
    find: "    heatCapacity: kB * V,\n    energyVariance: V === 0",
    replace: "    heatCapacity: V,\n    energyVariance: V === 0",
    tests: CORE,
  },
  {
    id: "thermo-kB-S-at-T0",
    file: "src/internal/thermo.ts",
    what: "the T = 0 limit drops kB from S = kB·ln g₀",
    find: "      entropy: kB * lnG0,",
    replace: "      entropy: lnG0,",
    tests: CORE,
  },
  {
    id: "thermo-mean-compensation",
    file: "src/internal/thermo.ts",
    what: "⟨x⟩ loses its compensation term",
    find: "  const X = mh + ml;",
    replace: "  const X = mh;",
    tests: CORE,
  },
  // ---- The kernel ----
  {
    id: "exp-poly-coefficient",
    file: "src/internal/exp.ts",
    what: "the exp polynomial's r⁵ coefficient 1/120 becomes 1/100",
    find: "r * 0.008333333333333333)",
    replace: "r * 0.01)",
    tests: ["test/exp.test.ts", ...CORE],
  },
  {
    id: "kernel-lane-compensation",
    file: "src/internal/kernel.ts",
    what: "the even lane of the weight sum loses its compensation",
    find: "      l0 += wi - (t - h0);",
    replace: "",
    tests: CORE,
  },
  {
    id: "kernel-normalizer-low",
    file: "src/internal/kernel.ts",
    what: "ln Z's normaliser drops its low part",
    find: "  return hi + (lo + pl);",
    replace: "  return hi + lo;",
    tests: CORE,
  },
  {
    id: "wasm-weights-compensation",
    file: "assembly/kernel.ts",
    what: "the WebAssembly kernel's lane sums lose their compensation",
    find: "    sl = f64x2.add(sl, f64x2.sub(w0, f64x2.sub(t, sh)));\n    sh = t;\n    t = f64x2.add(sh, w1);",
    replace: "    sh = t;\n    t = f64x2.add(sh, w1);",
    tests: ["test/wasm.test.ts", "test/accuracy.test.ts"],
  },
  // ---- Softmax side and the bridge ----
  {
    id: "entropy-tolerance",
    file: "src/softmax/entropy.ts",
    what: "entropy() accepts sums far from 1",
    find: "if (Math.abs(total - 1) > 1e-9 * Math.max(1, n)) {",
    replace: "if (Math.abs(total - 1) > 1e-3 * Math.max(1, n)) {",
    tests: CORE,
  },
  {
    id: "bridge-temperature",
    file: "src/bridge/logitsToEnergies.ts",
    what: "the bridge multiplies by kB instead of dividing",
    find: "(scale * tau) / kB : tau;",
    replace: "scale * tau * kB : tau;",
    tests: CORE,
  },
  {
    id: "merge-degeneracies",
    file: "src/boltzmann/mergeLevels.ts",
    what: "mergeLevels keeps the last degeneracy instead of the sum",
    find: "counts[last] = (counts[last] as number) + gi;",
    replace: "counts[last] = gi;",
    tests: CORE,
  },
  {
    id: "rows-offset",
    file: "src/softmax/rows.ts",
    what: "softmaxRows writes a plain-array output one column off",
    find: "for (let j = 0; j < columns; j++) out[start + j] = target[j] as number;",
    replace: "for (let j = 1; j < columns; j++) out[start + j] = target[j] as number;",
    tests: CORE,
  },
  {
    id: "cli-energy-unit",
    file: "src/cli/physics.ts",
    what: "the CLI takes kB in eV/K whatever --energy-unit says",
    find: "kB = units.boltzmannConstant(opts.energyUnit);",
    replace: 'kB = units.boltzmannConstant("eV");',
    tests: ["test/cli.test.ts", "test/sweep-kb.test.ts"],
  },
];
