import { productError } from "../internal/float.js";
import {
  checkSameLength,
  checkVector,
  numberOption,
  optionsOf,
  readVector,
  type WritableArrayLike,
} from "../internal/validate.js";
import {
  type CrossEntropyOptions,
  type CrossEntropyRowsOptions,
  ROWS_OPTIONS,
} from "./crossEntropy.js";
import { logSoftmax } from "./logSoftmax.js";
import { forEachRow, renamed, rowsOut } from "./rowsOf.js";
import { softmax } from "./softmax.js";

/** 1/(k + 2)! for k = 0 … 29: g(ε) = e^−ε − 1 + ε = ε²·Σ (−ε)^k/(k + 2)!. */
const G_SERIES = Array.from({ length: 30 }, (_, k) => {
  let f = 1;
  for (let j = 2; j <= k + 2; j++) f *= j;
  return 1 / f;
});

/** g′(ε) = 1 − e^−ε from the last call of {@link gap} (to a few digits: it scales a correction). */
let slope = 0;

/**
 * g(ε) = e^−ε − 1 + ε ≥ 0 to about an ulp for every ε: its Taylor series on [−3, 2] (where
 * expm1(−ε) + ε would cancel), (ε − 1) + e^−ε above (two positive terms), expm1(−ε) + ε below.
 */
function gap(e: number): number {
  if (e >= -3 && e <= 2) {
    let s = G_SERIES[29] as number;
    for (let k = 28; k >= 0; k--) s = (G_SERIES[k] as number) - e * s;
    slope = e * (1 - e * (0.5 - e * (1 / 6 - e * (1 / 24))));
    return e * e * s;
  }
  if (e > 2) {
    const x = Math.exp(-e);
    slope = 1 - x;
    return e - 1 + x;
  }
  const m = Math.expm1(-e);
  slope = -m;
  return m + e;
}

/**
 * Kullback–Leibler divergence KL(p‖q) = Σᵢ pᵢ·(log pᵢ − log qᵢ), in nats, between
 * p = softmax(zP/τ) and q = softmax(zQ/τ).
 *
 * Computed without cancellation. With δᵢ = (zPᵢ − zQᵢ)/τ in double-double and μ its mean under
 * p, KL = log1p(Σᵢ pᵢ·g(δᵢ − μ)) − log1p(−Q₀), where g(ε) = e^−ε − 1 + ε ≥ 0 and Q₀ is the mass
 * q puts on states p gives probability 0: two non-negative terms, so a divergence of 1e−20
 * between nearly equal distributions comes out to a few ulp (a direct Σ p (log p − log q) would
 * lose every digit), and shifting all of zQ by a constant gives exactly 0. Large divergences are
 * summed in log space, so nothing overflows.
 *
 * Physical reading: for E = −z at temperature T = τ, KL between the Gibbs distributions of two
 * spectra (or of one spectrum at two temperatures) is a difference of free energies over T; see
 * docs/theory.md ("Cross-entropy and KL divergence").
 *
 * Edge cases: +Infinity when p gives positive probability to a state q masks (zQᵢ = −Infinity);
 * states p masks contribute nothing; lengths must match; NaN, +Infinity and every logit masked
 * are RangeErrors naming the argument; τ = 0 and ±Infinity use the limit distributions.
 *
 * @param logitsP - the logits of p; never modified.
 * @param logitsQ - the logits of q, same length; never modified.
 * @see S. Kullback, R. A. Leibler, "On information and sufficiency", Ann. Math. Stat. 22 (1951).
 * @example
 * ```ts
 * klDivergence([0, 0], [0, 1])                 // => 0.12011450695827752
 * klDivergence([1, 2, 3], [101, 102, 103])     // => 0
 * klDivergence([0, 0], [0, -Infinity])         // => Infinity
 * klDivergence([0, 1e-9], [0, 0])              // => 1.25e-19
 * ```
 */
export function klDivergence(
  logitsP: ArrayLike<number>,
  logitsQ: ArrayLike<number>,
  options?: CrossEntropyOptions,
): number {
  return klOf(
    "klDivergence",
    logitsP,
    logitsQ,
    optionsOf("klDivergence", options, ["temperature"]),
  );
}

/** Runs a softmax-family call, naming the user's argument in its errors. */
function named<T>(fn: string, name: string, f: () => T): T {
  try {
    return renamed(fn, f);
  } catch (error) {
    if (error instanceof Error) {
      error.message = error.message
        .replace(/\blogits\[/, `${name}[`)
        .replace(/every logit/, `every logit of ${name}`);
    }
    throw error;
  }
}

function klOf(
  fn: string,
  inputP: unknown,
  inputQ: unknown,
  opts: Partial<CrossEntropyOptions>,
): number {
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  // Each entry read once (anything but a Float64Array or Float32Array is copied).
  const zP = readVector(fn, "logitsP", inputP);
  const zQ = readVector(fn, "logitsQ", inputQ);
  checkSameLength(fn, "logitsQ", zQ, "logitsP", zP.length);
  const p = named(fn, "logitsP", () => softmax(zP, { temperature }));
  const q = named(fn, "logitsQ", () => softmax(zQ, { temperature }));
  const n = p.length;
  if (n === 0) throw new RangeError(`${fn}: logitsP is empty; there is no distribution`);
  for (let i = 0; i < n; i++) {
    if ((p[i] as number) > 0 && zQ[i] === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  }
  const tau = Math.abs(temperature);
  if (!(tau >= 2 ** -1000 && tau <= 2 ** 1000)) return direct(zP, zQ, p, temperature);
  // β = 1/τ as a double-double.
  const bh = 1 / temperature;
  const bl = (1 - bh * temperature - productError(bh, temperature, bh * temperature)) / temperature;
  // δᵢ = (zPᵢ − zQᵢ)·β over the states of positive p; P = Σ p, S = Σ p·δ, all compensated.
  const dh = new Float64Array(n);
  const dl = new Float64Array(n);
  let ph = 0;
  let pl = 0;
  let sh = 0;
  let sl = 0;
  let q0h = 0;
  let q0l = 0;
  let equal = true;
  let first = Number.NaN;
  let firstLo = Number.NaN;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi === 0) {
      const qi = q[i] as number;
      const s = q0h + qi;
      const bb = s - q0h;
      q0l += q0h - (s - bb) + (qi - bb);
      q0h = s;
      continue;
    }
    const a = zP[i] as number;
    const b = -(zQ[i] as number);
    const d = a + b;
    if (!Number.isFinite(d)) return direct(zP, zQ, p, temperature);
    const bb = d - a;
    const de = a - (d - bb) + (b - bb);
    const xh = d * bh;
    const xl = productError(d, bh, xh) + d * bl + de * bh;
    const h = xh + xl;
    const l = xl - (h - xh);
    dh[i] = h;
    dl[i] = l;
    if (Number.isNaN(first)) {
      first = h;
      firstLo = l;
    } else if (h !== first || l !== firstLo) {
      equal = false;
    }
    let s = ph + pi;
    let b2 = s - ph;
    pl += ph - (s - b2) + (pi - b2);
    ph = s;
    // pᵢ·δᵢ exactly enough: Dekker's product of pᵢ and δ's high part, plus pᵢ·δ's low part.
    const m = pi * h;
    const me = productError(pi, h, m) + pi * l;
    s = sh + m;
    b2 = s - sh;
    sl += sh - (s - b2) + (m - b2) + me;
    sh = s;
  }
  // −log(1 − Q₀), Q₀ the mass q puts where p is 0: from Q₀ while it is small, else from the
  // mass q keeps on p's states, −log Σ qᵢ, in log space (it may be e^−40000).
  const q0 = q0h + q0l;
  const tail = q0 <= 0.5 ? -Math.log1p(-q0) : -keptLogMass(zQ, p, temperature);
  if (equal) return tail;
  // μ = S/P as a double-double.
  const P = ph + pl;
  const Pl = pl - (P - ph);
  const mh = (sh + sl) / P;
  const ml = (sh - mh * P - productError(mh, P, mh * P) + sl - mh * Pl) / P;
  // Σ pᵢ·g(εᵢ), εᵢ = δᵢ − μ as a double-double: g(εh) + εl·g′(εh), g′ = −expm1(−ε). Terms whose
  // e^−ε would overflow are taken from log pᵢ − ε; when their sum would, all is summed in log
  // space (then KL > 600 and the rounding of log pᵢ is far below an ulp of it).
  let gh = 0;
  let gl = 0;
  let huge = false;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    const a = dh[i] as number;
    const d = a - mh;
    const bb = d - a;
    const lo = a - (d - bb) + (-mh - bb) + ((dl[i] as number) - ml);
    const e = d + lo;
    const el = lo - (e - d);
    let t: number;
    if (-e > 700) {
      t = Math.exp(Math.log(pi) - e);
    } else {
      const g = gap(e);
      t = pi * (g + el * slope);
    }
    if (t > 1e300) huge = true;
    const s = gh + t;
    const b2 = s - gh;
    gl += gh - (s - b2) + (t - b2);
    gh = s;
  }
  const spread = huge ? maxExponent(p, dh, dl, mh, ml) : 0;
  if (!huge && Number.isFinite(gh)) return Math.log1p((gh + gl) / P) + tail;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    const e = (dh[i] as number) - mh + ((dl[i] as number) - ml);
    sum += Math.exp(Math.log(pi) - e - spread);
  }
  return spread + Math.log(sum / P) + tail;
}

/** max over the states of positive p of log pᵢ − εᵢ (the scale of a sum that would overflow). */
function maxExponent(
  p: Float64Array,
  dh: Float64Array,
  dl: Float64Array,
  mh: number,
  ml: number,
): number {
  let spread = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    const x = Math.log(pi) - ((dh[i] as number) - mh + ((dl[i] as number) - ml));
    if (x > spread) spread = x;
  }
  return spread;
}

/** log Σ qᵢ over the states where p > 0, from q's log-probabilities (no underflow). */
function keptLogMass(
  zQ: Float64Array | Float32Array,
  p: Float64Array,
  temperature: number,
): number {
  const lq = logSoftmax(zQ, { temperature });
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < p.length; i++) {
    if ((p[i] as number) > 0 && (lq[i] as number) > m) m = lq[i] as number;
  }
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    if ((p[i] as number) > 0) sum += Math.exp((lq[i] as number) - m);
  }
  return m + Math.log(sum);
}

/** Σ pᵢ(log pᵢ − log qᵢ) from the log-probabilities (the temperature limits, extreme τ). */
function direct(
  zP: Float64Array | Float32Array,
  zQ: Float64Array | Float32Array,
  p: Float64Array,
  temperature: number,
): number {
  const lp = logSoftmax(zP, { temperature });
  const lq = logSoftmax(zQ, { temperature });
  let h = 0;
  let l = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    const d = (lp[i] as number) - (lq[i] as number);
    if (d === Number.POSITIVE_INFINITY) return d;
    const t = pi * d;
    const s = h + t;
    const bb = s - h;
    l += h - (s - bb) + (t - bb);
    h = s;
  }
  return Math.max(0, h + l);
}

/**
 * {@link klDivergence} of each row pair of two flat row-major matrices of logits (as
 * {@link softmaxRows} reads them), one divergence per row: a distillation loss per example.
 *
 * @example
 * ```ts
 * klDivergenceRows([0, 0, 1, 2], [0, 1, 11, 12], { columns: 2 })
 * // => Float64Array [0.12011450695827752, 0]
 * ```
 */
export function klDivergenceRows(
  logitsP: ArrayLike<number>,
  logitsQ: ArrayLike<number>,
  options: CrossEntropyRowsOptions,
): Float64Array;
export function klDivergenceRows<O extends WritableArrayLike>(
  logitsP: ArrayLike<number>,
  logitsQ: ArrayLike<number>,
  options: CrossEntropyRowsOptions & { out: O },
): O;
export function klDivergenceRows(
  logitsP: ArrayLike<number>,
  logitsQ: ArrayLike<number>,
  options: CrossEntropyRowsOptions,
): WritableArrayLike {
  const fn = "klDivergenceRows";
  const opts = optionsOf(fn, options, ROWS_OPTIONS);
  const Q = checkVector(fn, "logitsQ", logitsQ);
  checkSameLength(fn, "logitsQ", Q, "logitsP", checkVector(fn, "logitsP", logitsP).length);
  return forEachRow(
    fn,
    logitsP,
    opts,
    (rows, columns) => ({
      out: rowsOut(fn, opts.out, rows),
      row: (_, row, start) => {
        const rowQ = ArrayBuffer.isView(Q)
          ? (Q as unknown as Float64Array).subarray(start, start + columns)
          : Array.prototype.slice.call(Q, start, start + columns);
        return klOf(fn, row, rowQ, opts);
      },
    }),
    { logitsP: "logitsP", logitsQ: "logitsQ" },
    "logitsP",
  );
}
