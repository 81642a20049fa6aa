/**
 * The CLI's caps: every reader and every size flag has one, so a mistake (or `/dev/zero`) ends in
 * seconds with exit code 2 and a message naming the flag or file, never in an out-of-memory abort.
 * docs/cli.md lists them (section "Limits"); test/cli-limits.test.ts holds each one.
 */
import { UsageError } from "./errors.js";

/** The caps, one place. */
export const LIMITS = {
  /** Characters in one number (a token of a list, a file or standard input). */
  tokenCharacters: 1000,
  /** Values in one vector (an inline list, a file, standard input). 160 MB as doubles. */
  values: 20_000_000,
  /** Bytes read from one file or from standard input (1 GiB). */
  inputBytes: 1024 * 1024 * 1024,
  /** Characters in one row of a CSV or TSV file (1 MiB). */
  csvRowCharacters: 1024 * 1024,
  /** `sweep --points`: temperatures in one sweep. */
  points: 1_000_000,
  /** `sweep --points` with `--html`: the report embeds every point and draws it in a browser. */
  reportPoints: 100_000,
  /** `sweep --count`: levels an expression makes (the library's MAX_EXPRESSION_LEVELS). */
  count: 10_000_000,
  /** `sweep --levels` for the oscillator (levels) and the rotor (Jmax). */
  levels: 10_000_000,
  /** `--format table` cells: the table is aligned, so it is held in memory until the end. */
  tableCells: 1_000_000,
  /**
   * Values in one matrix (a batch of logits from any file) or one numpy array: 2²⁸, 2 GiB as
   * doubles (a batch is one Float64Array; a vector keeps the `values` cap).
   */
  arrayValues: 2 ** 28,
  /** The header of an .npy file: numpy's own default `max_header_size`. */
  npyHeaderBytes: 10_000,
  /** An .npz file is read whole: 2 GiB. */
  npzBytes: 2 ** 31,
  /** `calibrate --bins`: the bins of ECE and MCE (the report's diagrams stay readable). */
  bins: 1000,
} as const;

/** Refuses an integer size flag outside [min, max], naming the flag. */
export function checkSize(flag: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got ${value}`);
  }
  if (value > max) {
    throw new UsageError(`${flag} is ${value}; the limit is ${max}`);
  }
  return value;
}

/** Shortens a user's text for a message: at most 40 characters, control characters escaped. */
export function excerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
