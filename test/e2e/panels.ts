/**
 * The demo's panels as demo/main.ts lists them, for the Node-side tests: the list is read from
 * main.ts's source (its `import * as name from "./panels/<file>.ts"` lines and its PANELS array),
 * since main.ts itself runs the page when it is imported. A panel module builds nothing until
 * its `mount` is called, so it imports in Node.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./harness.js";

export const demoDir = join(root, "demo");
export const panelsDir = join(demoDir, "panels");

export interface ListedPanel {
  /** The name main.ts imports the module under. */
  name: string;
  /** The module's file, absolute. */
  file: string;
}

/** The panels of PANELS in demo/main.ts, in their order. */
export function listedPanels(): ListedPanel[] {
  const main = readFileSync(join(demoDir, "main.ts"), "utf8");
  const imports = new Map<string, string>();
  for (const m of main.matchAll(/^import \* as (\w+) from "\.\/panels\/([\w-]+\.ts)";$/gm)) {
    imports.set(m[1] as string, join(panelsDir, m[2] as string));
  }
  const list = /^const PANELS: readonly Panel\[\] = \[([^\]]*)\];$/m.exec(main);
  if (list === null) throw new Error("demo/main.ts: no `const PANELS: readonly Panel[] = [...]`");
  const names = (list[1] as string)
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  return names.map((name) => {
    const file = imports.get(name);
    if (file === undefined) throw new Error(`demo/main.ts: PANELS lists ${name}, not imported`);
    return { name, file };
  });
}

export interface LoadedPanel extends ListedPanel {
  module: Record<string, unknown>;
}

/** The listed panels' modules, imported. */
export async function loadPanels(): Promise<LoadedPanel[]> {
  return Promise.all(
    listedPanels().map(async (panel) => ({
      ...panel,
      module: (await import(panel.file)) as Record<string, unknown>,
    })),
  );
}

/** A table of strings as a panel exports it. */
export interface Table {
  en: Record<string, string>;
  ja: Record<string, string>;
}

/** The shared strings and every listed panel's, by owner ("shared" or the panel's name). */
export async function allTables(): Promise<{ owner: string; table: Table }[]> {
  const { shared } = await import("../../demo/i18n.js");
  const panels = await loadPanels();
  return [
    { owner: "shared", table: shared as Table },
    ...panels.map((panel) => ({ owner: panel.name, table: panel.module.strings as Table })),
  ];
}
