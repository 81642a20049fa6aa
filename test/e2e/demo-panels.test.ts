/**
 * The demo's shape, in Node (no browser): adding a panel is one module in demo/panels/ and one
 * line in PANELS (demo/main.ts). Every listed module exports `mount` and its own strings in
 * English and Japanese; no module in demo/panels/ is a panel that main.ts forgot; no two tables
 * define the same key or two panels the same element id; and index.html is the page's skeleton
 * only, with no panel's markup or text in it. That the markup the panels build is whole (unique
 * ids, labels that point at their fields, the grid in order) is checked in the browser, in
 * demo.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineStrings, type MessageKey, registerStrings, shared, t } from "../../demo/i18n.js";
import { allTables, demoDir, listedPanels, loadPanels, panelsDir } from "./panels.js";

const PANEL_NAMES = [
  "page",
  "input",
  "temperature",
  "distributions",
  "thermodynamics",
  "curves",
  "sampling",
  "montecarlo",
  "timing",
];

/** The element ids a panel's source gives its elements as plain literals (`id: "…"`). */
function literalIds(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return Array.from(source.matchAll(/\bid: "([^"]+)"/g), (m) => m[1] as string);
}

describe("the demo's panels", () => {
  it("include the issue's panels, in page order, each listed once", () => {
    // The panels (input, temperature, distributions, thermodynamics, curves, sampling,
    // Monte Carlo, timing) and the page around them; a new panel may stand anywhere among them.
    const names = listedPanels().map((p) => p.name);
    expect(names.filter((name) => PANEL_NAMES.includes(name))).toEqual(PANEL_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });

  it("each export mount and their own strings, the same keys in English and Japanese", async () => {
    for (const { name, module } of await loadPanels()) {
      expect(typeof module.mount, `${name}.mount`).toBe("function");
      for (const optional of ["readUrl", "writeUrl"]) {
        if (optional in module)
          expect(typeof module[optional], `${name}.${optional}`).toBe("function");
      }
      const strings = module.strings as { en?: object; ja?: object } | undefined;
      expect(strings?.en, `${name}.strings.en`).toBeTypeOf("object");
      expect(strings?.ja, `${name}.strings.ja`).toBeTypeOf("object");
      const en = Object.keys(strings?.en ?? {});
      expect(en.length, `${name} has strings`).toBeGreaterThan(0);
      expect(Object.keys(strings?.ja ?? {}).sort(), name).toEqual([...en].sort());
    }
  });

  it("leave no panel module out of PANELS (the helpers export no mount)", async () => {
    const listed = new Set(listedPanels().map((p) => p.file));
    const unlisted = readdirSync(panelsDir)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => join(panelsDir, file))
      .filter((file) => !listed.has(file));
    expect(unlisted.map((file) => file.slice(panelsDir.length + 1)).sort()).toEqual([
      "dom.ts",
      "plot.ts",
    ]);
    for (const file of unlisted) {
      const module = (await import(file)) as Record<string, unknown>;
      expect("mount" in module || "strings" in module, file).toBe(false);
    }
  });

  it("define every string key once: no panel repeats a shared key or another panel's", async () => {
    const owners = new Map<string, string[]>();
    for (const { owner, table } of await allTables()) {
      for (const key of Object.keys(table.en)) owners.set(key, [...(owners.get(key) ?? []), owner]);
    }
    const twice = [...owners].filter(([, who]) => who.length > 1);
    expect(twice).toEqual([]);
    // The page-wide lookup finds every panel's strings once they are registered (as main.ts
    // does), and refuses a key that nobody defines.
    const panels = await loadPanels();
    for (const { module } of panels) registerStrings(module.strings as typeof shared);
    const timing = panels.find((p) => p.name === "timing")?.module.strings as typeof shared;
    expect(t("ja", "timingHeading" as MessageKey)).toBe(timing.ja.timingHeading);
    expect(t("en", "qF")).toBe(shared.en.qF);
    expect(() => t("en", "noSuchKey" as MessageKey)).toThrow(/no strings define "noSuchKey"/);
    expect(() => registerStrings({ en: { qF: "again" }, ja: { qF: "again" } })).toThrow(
      /"qF" is defined twice/,
    );
  });

  it("give their elements ids no other panel uses", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const { name, file } of listedPanels()) {
      for (const id of new Set(literalIds(file))) {
        const other = owner.get(id);
        if (other !== undefined) clashes.push(`#${id}: ${other} and ${name}`);
        owner.set(id, name);
      }
    }
    expect(clashes).toEqual([]);
    // The ids the browser tests and the screenshots rely on are among them.
    for (const id of ["language", "preset", "temperature", "play", "sample-count", "mc-run"]) {
      expect(owner.has(id), id).toBe(true);
    }
  });
});

describe("index.html", () => {
  const html = readFileSync(join(demoDir, "index.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? "";

  it("is the page's skeleton: one empty grid for the panels and the script", () => {
    expect(body).toMatch(/<main id="panels" class="layout"><\/main>/);
    expect(body).toMatch(/<script type="module" src="\.\/main\.ts"><\/script>/);
    const ids = Array.from(body.matchAll(/\bid="([^"]*)"/g), (m) => m[1]);
    expect(ids).toEqual(["panels"]);
    for (const panelMarkup of [
      "data-i18n",
      "<section",
      "<header",
      "<footer",
      "<input",
      "<select",
      "<button",
      "<textarea",
      "<canvas",
    ]) {
      expect(body).not.toContain(panelMarkup);
    }
  });

  it("holds none of the ids the panels build", () => {
    const built = listedPanels().flatMap(({ file }) => literalIds(file));
    expect(built.length).toBeGreaterThan(50);
    for (const id of built) expect(html, `#${id}`).not.toContain(`id="${id}"`);
  });
});

describe("defineStrings", () => {
  it("types a panel's strings: the Japanese table must have exactly the English keys", () => {
    const strings = defineStrings({
      en: { timingHeading: "Computing time" },
      ja: { timingHeading: "計算時間" },
    });
    expect(strings.t("ja", "timingHeading")).toBe("計算時間");
    // A shared string through a panel's lookup, with its placeholders filled.
    expect(strings.t("en", "errUrl", { name: "alg" })).toBe(
      "The link had a value that could not be used (alg); the default is shown instead.",
    );
    // @ts-expect-error: the Japanese "b" is missing
    defineStrings({ en: { a: "A", b: "B" }, ja: { a: "あ" } });
    // @ts-expect-error: a Japanese key that English does not have
    defineStrings({ en: { a: "A" }, ja: { a: "あ", c: "し" } });
    // @ts-expect-error: a key neither these strings nor the shared ones define
    strings.t("en", "timingHeadin");
  });
});
