#!/usr/bin/env node
/**
 * Builds the project's static site (`npm run build:site`): the demo at the root, the guides
 * rendered from Markdown under docs/, and the API reference (TypeDoc) under api/.
 *
 *   site/index.html        the demo (Vite build, relative paths: works from any folder)
 *   site/about.html        README.md
 *   site/docs/*.html       docs/**.md, with .md links rewritten to .html
 *   site/docs/images/      the figures, and docs/scripts/ that make them
 *   site/api/              TypeDoc, warnings as errors
 *
 * Usage: node docs/scripts/build-site.mjs [OUT_DIR] (default site/).
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import GithubSlugger from "github-slugger";
import { Marked } from "marked";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = process.argv[2] ?? join(root, "site");
const bin = (name) => join(root, "node_modules", ".bin", name);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. The demo at the root.
execFileSync(
  bin("vite"),
  [
    "build",
    "--config",
    "demo/vite.config.ts",
    "--outDir",
    out,
    "--emptyOutDir",
    "false",
    "--logLevel",
    "warn",
  ],
  {
    cwd: root,
    stdio: "inherit",
  },
);

// 2. The API reference.
execFileSync(bin("typedoc"), ["--out", join(out, "api")], { cwd: root, stdio: "inherit" });

// 3. The guides.
function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === "images" || name === "scripts" ? [] : markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

function render(source, title, depth) {
  const slugger = new GithubSlugger();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth: level }) {
        const text = this.parser.parseInline(tokens);
        const id = slugger.slug(tokens.map((t) => t.raw ?? "").join(""));
        return `<h${level} id="${id}">${text}</h${level}>\n`;
      },
    },
    walkTokens(token) {
      if (token.type === "link" && !/^[a-z]+:/i.test(token.href)) {
        token.href = token.href.replace(/\.md(#|$)/, ".html$1");
      }
    },
  });
  const body = marked.parse(source);
  const up = "../".repeat(depth);
  return `<!doctype html>
<html lang="${/\.ja\.md$/.test(title) ? "ja" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[<&]/g, "")} · gibbs-softmax</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; color: #1d2330; }
pre { background: #f5f6f8; padding: 0.8rem; overflow-x: auto; }
code { font-size: 0.92em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccd; padding: 0.25rem 0.5rem; }
img { max-width: 100%; }
nav a { margin-right: 1rem; }
</style>
</head>
<body>
<nav><a href="${up}index.html">Demo</a><a href="${up}about.html">About</a><a href="${up}docs/theory.html">Theory</a><a href="${up}api/index.html">API</a></nav>
${body}
</body>
</html>
`;
}

const docs = join(root, "docs");
for (const file of markdownFiles(docs)) {
  const rel = relative(docs, file);
  const target = join(out, "docs", rel.replace(/\.md$/, ".html"));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, render(readFileSync(file, "utf8"), basename(file), rel.split("/").length));
}
writeFileSync(
  join(out, "about.html"),
  render(readFileSync(join(root, "README.md"), "utf8"), "README.md", 0),
);
cpSync(join(root, "LICENSE"), join(out, "LICENSE"));
for (const folder of ["images", "scripts"]) {
  if (existsSync(join(docs, folder))) {
    cpSync(join(docs, folder), join(out, "docs", folder), { recursive: true });
  }
}
console.log(`site written to ${out}`);
