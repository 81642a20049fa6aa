/**
 * The documentation as a whole: every link in README.md and docs/ resolves (files, heading
 * anchors with GitHub's slug rules, and demo links with a known preset), and the static site
 * (demo + guides + API reference, `npm run build:site`) builds, with every local link in its
 * pages pointing at a file that exists. Code snippets are checked by examples.test.ts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import { Lexer, type Token } from "marked";
import { afterAll, describe, expect, it } from "vitest";
import { PRESET_IDS } from "../demo/presets.js";

const root = join(import.meta.dirname, "..");

function files(dir: string, test: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : files(path, test);
    return test(name) ? [path] : [];
  });
}

const markdown = [join(root, "README.md"), ...files(join(root, "docs"), (n) => n.endsWith(".md"))];

function links(file: string): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if ((t.type === "link" || t.type === "image") && "href" in t) found.push(t.href as string);
      const nested =
        (t as { tokens?: Token[]; items?: Token[] }).tokens ?? (t as { items?: Token[] }).items;
      if (nested) walk(nested);
      if (t.type === "table") {
        const table = t as unknown as {
          header: { tokens: Token[] }[];
          rows: { tokens: Token[] }[][];
        };
        for (const cell of table.header) walk(cell.tokens);
        for (const row of table.rows) for (const cell of row) walk(cell.tokens);
      }
    }
  };
  walk(new Lexer({ gfm: true }).lex(readFileSync(file, "utf8")));
  return found;
}

const anchorCache = new Map<string, Set<string>>();
function anchors(file: string): Set<string> {
  let set = anchorCache.get(file);
  if (set === undefined) {
    const slugger = new GithubSlugger();
    set = new Set(
      new Lexer({ gfm: true })
        .lex(readFileSync(file, "utf8"))
        .filter((t) => t.type === "heading")
        .map((t) => slugger.slug((t as { text: string }).text)),
    );
    anchorCache.set(file, set);
  }
  return set;
}

describe("links in README.md and docs/", () => {
  it("finds the guides", () => {
    expect(markdown.length).toBeGreaterThanOrEqual(3);
  });
  for (const file of markdown) {
    it(relative(root, file), () => {
      for (const href of links(file)) {
        if (/^(https?|mailto):/.test(href)) continue;
        const [pathAndQuery, anchor] = href.split("#") as [string, string | undefined];
        const [path, query] = pathAndQuery.split("?") as [string, string | undefined];
        const target = path === "" ? file : resolve(dirname(file), decodeURI(path));
        if (target === join(root, "index.html")) {
          // The demo, at the root of the published site (built from demo/).
          expect(existsSync(join(root, "demo", "index.html"))).toBe(true);
          const preset = new URLSearchParams(query ?? "").get("preset");
          if (preset !== null)
            expect(PRESET_IDS as readonly string[], `${href} in ${file}`).toContain(preset);
          continue;
        }
        expect(existsSync(target), `${href} in ${relative(root, file)}`).toBe(true);
        if (anchor !== undefined && anchor !== "" && target.endsWith(".md")) {
          expect([...anchors(target)], `#${anchor} (${href}) in ${relative(root, file)}`).toContain(
            anchor,
          );
        }
      }
    });
  }
});

describe("the static site", () => {
  const out = mkdtempSync(join(tmpdir(), "gibbs-softmax-site-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("builds: the demo at the root, the guides under docs/, the API under api/; every local link resolves", () => {
    execFileSync(process.execPath, [join(root, "docs", "scripts", "build-site.mjs"), out], {
      cwd: root,
      stdio: "pipe",
    });
    for (const page of ["index.html", "about.html", "docs/theory.html", "api/index.html"]) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    const pages = files(out, (n) => n.endsWith(".html")).filter(
      (p) => !p.includes(`${join(out, "api")}`),
    );
    for (const page of pages) {
      const html = readFileSync(page, "utf8");
      for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        const href = m[1] as string;
        if (/^(https?|mailto|data):/.test(href) || href.startsWith("#")) continue;
        const path = href.split(/[?#]/)[0] as string;
        expect(
          existsSync(resolve(dirname(page), decodeURI(path))),
          `${href} in ${relative(out, page)}`,
        ).toBe(true);
      }
    }
  }, 240_000);
});
