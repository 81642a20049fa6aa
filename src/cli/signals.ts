/**
 * Cleanup on any exit. While a temporary file exists, SIGINT, SIGTERM, SIGHUP (and the other
 * fatal signals), `process.exit` and an uncaught error all remove it first. After the cleanup a
 * signal is raised again with its default action, so the process ends by that signal and a shell
 * reports the conventional status (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP) and knows the
 * run was interrupted. This is npm's `signal-exit`, the library `write-file-atomic` uses for the
 * same job; with no temporary file pending it is unloaded, and signals have their defaults.
 */
import { rmSync } from "node:fs";
import { onExit } from "signal-exit";

/** Removes `path` if the process exits before the returned function is called. */
export function removeOnExit(path: string): () => void {
  return onExit(() => {
    rmSync(path, { force: true });
  });
}
