/**
 * Whether python3 can import the given modules (numpy, scipy, …), for the tests that use numpy as
 * an independent reference or to write real numpy files. Those tests skip with a message when it
 * cannot, except under CI=true, where they must run (and fail if python3 is missing).
 */
import { execFileSync } from "node:child_process";

/** True when `python3 -c "import <modules>"` succeeds. */
export function pythonHas(modules: string): boolean {
  try {
    execFileSync("python3", ["-c", `import ${modules}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** True when a suite that needs these modules should skip (never under CI=true); says why. */
export function skipWithoutPython(modules: string, what: string): boolean {
  const skip = !pythonHas(modules) && process.env.CI !== "true";
  if (skip) console.log(`SKIPPING ${what}: python3 with ${modules} not found`);
  return skip;
}
