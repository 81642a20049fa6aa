/**
 * The context every benchmark suite (bench/suites/*.mjs) receives from bench/harness.mjs: the
 * shared clock and data, a way to run Python peers, and paired rounds (ours and the peer's timed
 * back to back, the ratio taken per round, then the median), because this shared machine's speed
 * drifts by 2× over minutes.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { logits, timeIt } from "../timing.mjs";

/**
 * @typedef {object} SuiteContext
 * @property {boolean} smoke
 * @property {number} rounds
 * @property {string} root
 * @property {string} here
 * @property {(path: string) => Promise<any>} dist
 * @property {(...a: unknown[]) => void} log
 * @property {typeof timeIt} timeIt
 * @property {typeof logits} logits
 * @property {(script: string, args?: string[]) => any} python
 * @property {(rounds: number, ours: () => Promise<number>, theirs: () => Promise<number> | number) => Promise<{ ratio: number, lo: number, hi: number, ours: number, theirs: number }>} paired
 */

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** @returns {SuiteContext} */
export function suiteContext({ smoke, rounds, root, here, log }) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return {
    smoke,
    rounds,
    root,
    here,
    log,
    timeIt,
    logits,
    dist: (path) => import(pathToFileURL(join(root, "dist", path)).href),
    python: (script, args = []) =>
      JSON.parse(
        execFileSync("python3", [join(here, script), ...args], {
          env,
          encoding: "utf8",
          maxBuffer: 1 << 26,
        }),
      ),
    async paired(rounds, ours, theirs) {
      const o = [];
      const t = [];
      for (let r = 0; r < rounds; r++) {
        o.push(await ours());
        t.push(await theirs());
      }
      const ratios = o.map((x, i) => x / t[i]);
      return {
        ratio: median(ratios),
        lo: Math.min(...ratios),
        hi: Math.max(...ratios),
        ours: median(o),
        theirs: median(t),
      };
    },
  };
}

/** The suites in name order. */
export function suiteFiles(here) {
  return readdirSync(join(here, "suites"))
    .filter((f) => f.endsWith(".mjs") && f !== "context.mjs")
    .sort();
}
