/**
 * The lattice itself: the WebAssembly sweep and the JavaScript loop give identical bits; the
 * stream is the documented one (pure-rand's xoroshiro128+ seeded through its Mersenne Twister,
 * checkerboard order, one draw per spin, threshold ⌊p·2³²⌋), rebuilt here independently; the
 * incrementally tracked totals equal a recount; the heat-bath rule is the two-state softmax; and
 * every bad input is refused by name.
 */
import { mersenne } from "pure-rand/generator/mersenne";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { afterEach, describe, expect, it } from "vitest";
import { setKernelBackend, sigmoid, softmax } from "../../src/index.js";
import { ISING_WASM } from "../../src/internal/wasm/ising.js";
import type { IsingAlgorithm } from "../../src/montecarlo/index.js";
import { heatBathProbability, IsingLattice, simulateIsing } from "../../src/montecarlo/index.js";
import { sweepKernelServes } from "../../src/montecarlo/sweepKernel.js";
import { ulpDistance } from "../helpers/ulp.js";

afterEach(() => setKernelBackend("auto"));

/** E and M recomputed from the spins. */
function recount(spins: Int8Array, L: number, J: number, h: number) {
  let bonds = 0;
  let m = 0;
  for (let r = 0; r < L; r++) {
    for (let c = 0; c < L; c++) {
      const v = spins[r * L + c] as number;
      m += v;
      bonds +=
        v * ((spins[r * L + ((c + 1) % L)] as number) + (spins[((r + 1) % L) * L + c] as number));
    }
  }
  return { energy: 0 - J * bonds - h * m, magnetization: m };
}

/** Runs a schedule of sweeps and returns everything observable. */
function run(
  backend: "auto" | "js",
  L: number,
  J: number,
  h: number,
  schedule: [number, IsingAlgorithm][],
) {
  setKernelBackend(backend);
  const lattice = new IsingLattice({ size: L, seed: 12345, coupling: J, field: h, start: "hot" });
  const trace: number[] = [];
  for (const [T, algorithm] of schedule) {
    lattice.sweep(T, algorithm);
    trace.push(lattice.energy, lattice.magnetization, lattice.lastClusterSize);
  }
  return { spins: Array.from(lattice.spins).join(","), trace };
}

describe("the WebAssembly sweep and the JavaScript loop", () => {
  it("the kernel is under 4 kB, so browsers compile it synchronously, even on the main thread", () => {
    expect(ISING_WASM.length / 2).toBeLessThan(4096);
  });
  it("the kernel serves in Node for L a multiple of 16, and only there", () => {
    expect([16, 32, 48, 256].map(sweepKernelServes)).toEqual([true, true, true, true]);
    expect([2, 8, 24, 37].map(sweepKernelServes)).toEqual([false, false, false, false]);
    setKernelBackend("js");
    expect(sweepKernelServes(16)).toBe(false);
  });
  for (const [L, J, h] of [
    [16, 1, 0],
    [16, -0.7, 0.4],
    [32, 1, -0.25],
    [48, 1.3, 0.1],
    [256, 1, 0],
  ] as const) {
    it(`give identical spins, totals and streams (L = ${L}, J = ${J}, h = ${h})`, () => {
      const schedule: [number, IsingAlgorithm][] = [];
      for (let k = 0; k < 30; k++) {
        const T = [1.2, 2.269, 4][k % 3] as number;
        const algorithm = (
          J > 0 ? ["metropolis", "heatBath", "wolff"] : ["metropolis", "heatBath"]
        )[k % (J > 0 ? 3 : 2)] as IsingAlgorithm;
        schedule.push([T, algorithm]);
      }
      const wasm = run("auto", L, J, h, schedule);
      const js = run("js", L, J, h, schedule);
      expect(wasm.spins).toBe(js.spins);
      expect(wasm.trace).toEqual(js.trace);
    });
  }
});

describe("the kernel's shared state", () => {
  it("two lattices swept in turn (other tables, other sizes) match the JavaScript loop", () => {
    const play = (backend: "auto" | "js") => {
      setKernelBackend(backend);
      const a = new IsingLattice({ size: 32, seed: 1, start: "hot" });
      const b = new IsingLattice({ size: 48, seed: 2, field: 0.2 });
      for (let k = 0; k < 12; k++) {
        a.sweep(1.3, k % 2 ? "metropolis" : "heatBath");
        b.sweep(3.1, "metropolis");
      }
      return [Array.from(a.spins).join(""), Array.from(b.spins).join(""), a.energy, b.energy];
    };
    expect(play("auto")).toEqual(play("js"));
  });
  it("the largest lattice, 4096 × 4096, grows the kernel's memory and still matches", () => {
    const play = (backend: "auto" | "js") => {
      setKernelBackend(backend);
      const lattice = new IsingLattice({ size: 4096, seed: 9 });
      lattice.sweep(2.5);
      return [lattice.energy, lattice.magnetization, lattice.spins[4096 * 4096 - 1]];
    };
    expect(play("auto")).toEqual(play("js"));
  });
});

describe("the stream is the documented one", () => {
  it("a sweep equals an independent rebuild from pure-rand (checkerboard order, four streams)", () => {
    const T = 2.1;
    for (const L of [6, 16]) {
      for (const algorithm of ["metropolis", "heatBath"] as const) {
        const lattice = new IsingLattice({ size: L, seed: 777 });
        lattice.sweep(T, algorithm);
        lattice.sweep(T, algorithm);
        // The rebuild: MT19937 seeded with 777 fills xoroshiro128+'s four state words; streams
        // 1–3 are that generator jumped once, twice, three times; site t of a sweep draws from
        // stream t mod 4.
        const mt = mersenne(777);
        const streams = [xoroshiro128plusFromState([mt.next(), mt.next(), mt.next(), mt.next()])];
        for (let k = 1; k < 4; k++) {
          const g = (streams[k - 1] as (typeof streams)[number]).clone();
          g.jump();
          streams.push(g);
        }
        const s = new Int8Array(L * L).fill(1);
        const at = (r: number, c: number) => s[((r + L) % L) * L + ((c + L) % L)] as number;
        for (let sweep = 0; sweep < 2; sweep++) {
          let t = 0;
          for (const parity of [0, 1]) {
            for (let r = 0; r < L; r++) {
              for (let c = 0; c < L; c++) {
                if ((r + c) % 2 !== parity) continue;
                const spin = at(r, c);
                const n = at(r, c - 1) + at(r, c + 1) + at(r - 1, c) + at(r + 1, c);
                const p =
                  algorithm === "metropolis"
                    ? Math.min(1, Math.exp((-2 * spin * n) / T))
                    : 1 / (1 + Math.exp((2 * spin * n) / T)); // P(−s) = σ(−2·s·n/T)
                const u = (streams[t % 4] as (typeof streams)[number]).next() + 2 ** 31;
                t++;
                if (u < Math.floor(p * 2 ** 32)) s[r * L + c] = -spin;
              }
            }
          }
        }
        expect(Array.from(lattice.spins)).toEqual(Array.from(s));
      }
    }
  });

  it("is the same for the same seed and differs for neighbouring seeds", () => {
    const a = simulateIsing({ size: 8, temperature: 2.5, sweeps: 50, seed: 1 });
    const b = simulateIsing({ size: 8, temperature: 2.5, sweeps: 50, seed: 1 });
    const c = simulateIsing({ size: 8, temperature: 2.5, sweeps: 50, seed: 2 });
    expect(Array.from(a.energy)).toEqual(Array.from(b.energy));
    expect(Array.from(a.energy)).not.toEqual(Array.from(c.energy));
  });

  it("regression lock: the chain of seed 42 never changes silently (any platform, any version)", () => {
    // Locked from this implementation; a change of the stream, the order or the tables moves it.
    const r = simulateIsing({ size: 8, temperature: 2.269, sweeps: 100, seed: 42, start: "hot" });
    const w = simulateIsing({
      size: 8,
      temperature: 2.269,
      algorithm: "wolff",
      sweeps: 100,
      seed: 42,
    });
    const k = simulateIsing({ size: 32, temperature: 2.269, sweeps: 100, seed: 42, start: "hot" });
    expect([r.energy.reduce((x, y) => x + y, 0), r.magnetization[99]]).toEqual(LOCK_METROPOLIS);
    expect([w.energy.reduce((x, y) => x + y, 0), w.magnetization[99]]).toEqual(LOCK_WOLFF);
    expect([k.energy.reduce((x, y) => x + y, 0), k.magnetization[99]]).toEqual(LOCK_KERNEL);
  });
});
const LOCK_METROPOLIS = [-9972, 54];
const LOCK_WOLFF = [-9212, 42];
const LOCK_KERNEL = [-132008, -332];

describe("the totals", () => {
  it("are tracked exactly: they equal a recount after every kind of sweep", () => {
    for (const [J, h] of [
      [1, 0],
      [0.8, 0.35],
      [-1, -0.2],
    ] as const) {
      const L = 9;
      const lattice = new IsingLattice({ size: L, seed: 3, coupling: J, field: h, start: "hot" });
      const algorithms: IsingAlgorithm[] =
        J > 0 ? ["metropolis", "heatBath", "wolff"] : ["metropolis", "heatBath"];
      for (let k = 0; k < 60; k++) {
        lattice.sweep(1 + (k % 4), algorithms[k % algorithms.length] as IsingAlgorithm);
        const exact = recount(lattice.spins, L, J, h);
        expect(lattice.energy).toBe(exact.energy);
        expect(lattice.magnetization).toBe(exact.magnetization);
      }
    }
  });

  it("stay exact at extreme finite temperatures (subnormal T to the largest double)", () => {
    for (const T of [1e-320, 1e-3, 1e300, Number.MAX_VALUE]) {
      for (const algorithm of ["metropolis", "heatBath", "wolff"] as const) {
        const lattice = new IsingLattice({ size: 16, seed: 1, start: "hot", field: 0.3 });
        for (let k = 0; k < 5; k++) lattice.sweep(T, algorithm);
        const exact = recount(lattice.spins, 16, 1, 0.3);
        expect([lattice.energy, lattice.magnetization]).toEqual([
          exact.energy,
          exact.magnetization,
        ]);
      }
    }
    // Near T = 0 single-spin dynamics is a quench; from this start the field's direction wins.
    const cold = new IsingLattice({ size: 16, seed: 1, start: "hot", field: 0.3 });
    for (let k = 0; k < 5; k++) cold.sweep(1e-300, "heatBath");
    expect(cold.magnetization).toBe(256);
  });

  it("simulateIsing records what an IsingLattice driven by hand shows, and the observer sees it", () => {
    const records: {
      sweep: number;
      energy: number;
      magnetization: number;
      milliseconds: number;
    }[] = [];
    const r = simulateIsing({
      size: 12,
      temperature: 2.4,
      algorithm: "heatBath",
      sweeps: 20,
      burnIn: 5,
      seed: 9,
      observer: (rec) => records.push(rec),
    });
    const lattice = new IsingLattice({ size: 12, seed: 9 });
    for (let k = 0; k < 5; k++) lattice.sweep(2.4, "heatBath");
    for (let k = 0; k < 20; k++) {
      lattice.sweep(2.4, "heatBath");
      expect(r.energy[k]).toBe(lattice.energy);
      expect(r.magnetization[k]).toBe(lattice.magnetization);
      expect(records[k]?.sweep).toBe(k);
      expect(records[k]?.energy).toBe(lattice.energy);
      expect(records[k]?.magnetization).toBe(lattice.magnetization);
      expect(records[k]?.milliseconds).toBeGreaterThanOrEqual(0);
    }
    expect(records.length).toBe(20);
  });

  it("a Wolff sweep flips one cluster; lastClusterSize counts it", () => {
    const lattice = new IsingLattice({ size: 16, seed: 4 });
    expect(lattice.lastClusterSize).toBe(0);
    const before = lattice.magnetization;
    lattice.sweep(1.2, "wolff");
    // Cold start, all +1: the cluster's spins went from +1 to −1.
    expect(lattice.magnetization).toBe(before - 2 * lattice.lastClusterSize);
    expect(lattice.lastClusterSize).toBeGreaterThan(0);
  });
});

describe("heat bath is a two-state softmax", () => {
  it("P(+1) is softmax([h, −h], T)₀ bit for bit, and σ(2h/T) within 2 ulp", () => {
    for (const h of [-4.3, -2, -0.5, 0, 0.1, 1, 2, 4, 3.7]) {
      for (const T of [0.3, 1, 2.269185314213022, 7]) {
        const { up, down } = heatBathProbability(h, T);
        const p = softmax([h, -h], { temperature: T });
        expect(Object.is(up, p[0])).toBe(true);
        expect(Object.is(down, p[1])).toBe(true);
        expect(ulpDistance(up, sigmoid(2 * h, T))).toBeLessThanOrEqual(2);
        expect(ulpDistance(down, sigmoid(-2 * h, T))).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe("bad input is refused by name", () => {
  const good = { size: 8, temperature: 2, sweeps: 10, seed: 1 };
  const cases: [string, Record<string, unknown>, ErrorConstructor, RegExp][] = [
    ["size 1", { size: 1 }, RangeError, /options\.size must be an integer in \[2, 4096\], got 1/],
    ["size 4097", { size: 4097 }, RangeError, /options\.size/],
    ["size 8.5", { size: 8.5 }, RangeError, /options\.size/],
    ["size NaN", { size: Number.NaN }, RangeError, /options\.size is NaN/],
    ["size '8'", { size: "8" }, TypeError, /options\.size must be a number/],
    ["T 0", { temperature: 0 }, RangeError, /options\.temperature is 0; at T = 0/],
    ["T ∞", { temperature: Number.POSITIVE_INFINITY }, RangeError, /\+Infinity; at T = ∞/],
    ["T −∞", { temperature: Number.NEGATIVE_INFINITY }, RangeError, /-Infinity/],
    ["T < 0", { temperature: -2 }, RangeError, /is -2; it must be > 0 \(a negative temperature/],
    ["T NaN", { temperature: Number.NaN }, RangeError, /options\.temperature is NaN/],
    [
      "sweeps 1.5",
      { sweeps: 1.5 },
      RangeError,
      /options\.sweeps must be an integer in \[0, 16777216\]/,
    ],
    ["sweeps 2^24+1", { sweeps: 2 ** 24 + 1 }, RangeError, /options\.sweeps/],
    ["burnIn −1", { burnIn: -1 }, RangeError, /options\.burnIn/],
    [
      "seed 2^32",
      { seed: 2 ** 32 },
      RangeError,
      /options\.seed must be an integer in \[0, 4294967295\]/,
    ],
    ["seed −1", { seed: -1 }, RangeError, /options\.seed/],
    [
      "algorithm",
      { algorithm: "glauber" },
      RangeError,
      /options\.algorithm must be "metropolis", "heatBath" or "wolff", got "glauber"/,
    ],
    [
      "coupling ∞",
      { coupling: Number.POSITIVE_INFINITY },
      RangeError,
      /options\.coupling must be finite/,
    ],
    ["field NaN", { field: Number.NaN }, RangeError, /options\.field is NaN/],
    ["start", { start: "warm" }, RangeError, /options\.start must be "cold" or "hot"/],
    ["observer", { observer: 3 }, TypeError, /options\.observer must be a function/],
    ["typo", { temprature: 2 }, TypeError, /unknown option "temprature"/],
    [
      "wolff J < 0",
      { algorithm: "wolff", coupling: -1 },
      RangeError,
      /"wolff" needs options\.coupling ≥ 0/,
    ],
  ];
  for (const [name, change, type, message] of cases) {
    it(`simulateIsing: ${name}`, () => {
      const call = () => simulateIsing({ ...good, ...change } as never);
      expect(call).toThrow(type);
      expect(call).toThrow(message);
      expect(call).toThrow(/^simulateIsing: /);
    });
  }
  it("missing options and missing required ones", () => {
    expect(() => simulateIsing(undefined as never)).toThrow(TypeError);
    expect(() => simulateIsing({ size: 8, sweeps: 1, seed: 1 } as never)).toThrow(
      /options\.temperature is required/,
    );
    expect(() => new IsingLattice({ size: 8 } as never)).toThrow(
      /^IsingLattice: options\.seed is required/,
    );
  });
  it("IsingLattice.sweep names its arguments", () => {
    const lattice = new IsingLattice({ size: 4, seed: 1, coupling: -1 });
    expect(() => lattice.sweep(0)).toThrow(/^IsingLattice\.sweep: temperature is 0/);
    expect(() => lattice.sweep(2, "x" as never)).toThrow(/algorithm must be/);
    expect(() => lattice.sweep(2, "wolff")).toThrow(/"wolff" needs coupling ≥ 0/);
    expect(() => heatBathProbability(1, 0)).toThrow(/temperature must be finite and > 0/);
    expect(() => heatBathProbability(Number.NaN, 1)).toThrow(/localField is NaN/);
  });
  it("an observer that throws stops the run with its error", () => {
    expect(() =>
      simulateIsing({
        ...good,
        observer: () => {
          throw new Error("enough");
        },
      }),
    ).toThrow("enough");
  });
});
