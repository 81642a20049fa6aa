import { integerOption, optionsOf, requiredNumber } from "../internal/validate.js";

/**
 * The most temperatures one {@link temperatureGrid} returns: 10⁷ (80 MB). A larger `points` is a
 * RangeError naming the function and the option before anything is allocated, never the
 * engine's "Array buffer allocation failed".
 * @example
 * ```ts
 * MAX_GRID_POINTS // => 10000000
 * ```
 */
export const MAX_GRID_POINTS = 10_000_000;

/** Options of {@link temperatureGrid}. */
export interface TemperatureGridOptions {
  /** First temperature (returned exactly as given). */
  from: number;
  /** Last temperature (returned exactly as given). */
  to: number;
  /** Number of temperatures, an integer from 2 to {@link MAX_GRID_POINTS} (10⁷). */
  points: number;
  /** "log" (default: geometric spacing, needs from > 0 and to > 0) or "linear". */
  scale?: "log" | "linear";
}

/**
 * `points` temperatures from `from` to `to` inclusive, log- or linearly spaced.
 *
 * The endpoints are the given numbers exactly (`grid[0] === from`, `grid[points − 1] === to`);
 * interior points are from·(to/from)^(i/(n−1)) evaluated as exp of a linear interpolation of
 * the logs when to/from overflows (log scale), or (1 − t)·from + t·to with t = i/(n−1) (linear, which never overflows
 * even for from = −to = 1e308). Descending grids are allowed.
 *
 * Edge cases: `points` must be an integer from 2 to {@link MAX_GRID_POINTS} (10⁷; more is a
 * RangeError naming options.points before anything is allocated); endpoints must be finite (a
 * log grid needs them > 0); an unknown scale is a RangeError.
 *
 * @example
 * ```ts
 * temperatureGrid({ from: 1, to: 100, points: 3 })                   // => Float64Array [1, 10, 100]
 * temperatureGrid({ from: 0, to: 1, points: 5, scale: "linear" })    // => Float64Array [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function temperatureGrid(options: TemperatureGridOptions): Float64Array {
  const fn = "temperatureGrid";
  if (options === undefined) {
    throw new TypeError(`${fn}: options { from, to, points } are required`);
  }
  const opts = optionsOf(fn, options, ["from", "to", "points", "scale"]);
  const from = requiredNumber(fn, "options.from", opts.from);
  const to = requiredNumber(fn, "options.to", opts.to);
  const points = integerOption(fn, "options.points", opts.points, 2, MAX_GRID_POINTS);
  const scale = opts.scale ?? "log";
  if (scale !== "log" && scale !== "linear") {
    throw new RangeError(
      `${fn}: options.scale must be "log" or "linear", got ${JSON.stringify(scale)}`,
    );
  }
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new RangeError(
      `${fn}: options.from and options.to must be finite, got ${from} and ${to}`,
    );
  }
  if (scale === "log" && !(from > 0 && to > 0)) {
    throw new RangeError(
      `${fn}: a log grid needs from > 0 and to > 0, got from = ${from}, to = ${to} (use scale: "linear")`,
    );
  }
  const grid = new Float64Array(points);
  const last = points - 1;
  if (scale === "log") {
    const ratio = to / from;
    const a = Math.log(from);
    const b = Math.log(to);
    const direct = ratio > 0 && Number.isFinite(ratio);
    for (let i = 1; i < last; i++) {
      const t = i / last;
      grid[i] = direct ? from * ratio ** t : Math.exp((1 - t) * a + t * b);
    }
  } else {
    for (let i = 1; i < last; i++) {
      const t = i / last;
      grid[i] = (1 - t) * from + t * to;
    }
  }
  grid[0] = from;
  grid[last] = to;
  return grid;
}
