/**
 * The package as users get it: the built dist/ is importable by name from inside the repo (Node
 * self-reference) and from another project that installs the `npm pack` tarball; it ships its
 * types; and the core entry stays small and loads no mathjs or plotly (a size budget is a test).
 * Needs `npm run build` first (the test script runs it).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const built = existsSync(join(dist, "index.js"));

const script = `
import { softmax, gibbs, thermodynamics } from "gibbs-softmax";
const p = softmax([1, 2, 3, 4, 1, 2, 3]);
const q = gibbs([-1, -2, -3, -4, -1, -2, -3], { temperature: 1 });
console.log(JSON.stringify({ p: Array.from(p), q: Array.from(q), S: thermodynamics([0, 1], { temperature: 1 }).entropy }));
`;

function run(cwd: string): { p: number[]; q: number[]; S: number } {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    encoding: "utf8",
  });
  return JSON.parse(out);
}

describe("the built package", () => {
  let work = "";
  beforeAll(() => {
    if (!built) throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
    work = mkdtempSync(join(tmpdir(), "gibbs-softmax-pack-"));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("is importable by name from the repository (self-reference)", () => {
    const r = run(root);
    // The seed lecture's numbers, printed by numpy to 7 digits.
    expect(r.p[3]).toBeCloseTo(0.474833, 6);
    expect(r.q).toEqual(r.p);
  });

  it("installs from its npm pack tarball into another project and works there", () => {
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    const tarball = join(work, packed.split("\n").pop() as string);
    const project = join(work, "consumer");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], {
      cwd: project,
      stdio: "pipe",
    });
    const installed = join(project, "node_modules", "gibbs-softmax");
    expect(existsSync(join(installed, "dist", "index.d.ts"))).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
    const r = run(project);
    expect(r.p[0]).toBeCloseTo(0.02364054, 8);
    expect(r.S).toBeCloseTo(0.582203108888218, 14);
  });

  it("ships declarations for every entry it exports", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    for (const [entry, target] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (typeof target === "string") continue;
      const t = target as { types: string; import: string };
      expect(existsSync(join(root, t.types)), `${entry} types`).toBe(true);
      expect(existsSync(join(root, t.import)), `${entry} import`).toBe(true);
    }
  });

  it("keeps the core entry small and free of mathjs and plotly", () => {
    // Walk the import graph of dist/index.js: relative imports only, nothing from node_modules.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:import|export)[^"']*from\s*["']([^"']+)["']/g)) {
        const spec = m[1] as string;
        expect(spec.startsWith("."), `${file} imports ${spec}`).toBe(true);
        visit(join(file, "..", spec));
      }
    };
    visit(join(dist, "index.js"));
    const names = [...seen].map((f) => f.slice(dist.length));
    expect(names.some((n) => /units|mathjs|plotly|cli|parallel/.test(n))).toBe(false);
  });

  // 16 kB of JavaScript and the 7.6 kB WebAssembly SIMD kernel (base64, which gzip barely shrinks),
  // plus 1.4 kB for issue 11's checks (inputs read once, a strict `out`, the refined moments of
  // thermodynamics, identities and fitTemperature at the extremes).
  it("bundles the core into under 26 kB gzipped (minified, as a user's bundler would)", async () => {
    const { build } = await import("vite");
    const outDir = join(work, "bundle");
    await build({
      configFile: false,
      logLevel: "silent",
      build: {
        outDir,
        minify: true,
        lib: { entry: join(dist, "index.js"), formats: ["es"], fileName: "core" },
      },
    });
    const code = readFileSync(join(outDir, "core.js"));
    const gz = gzipSync(code).length;
    console.log(`core bundle: ${code.length} bytes minified, ${gz} bytes gzipped`);
    expect(gz).toBeLessThan(26_000);
    expect(code.toString()).not.toMatch(/mathjs|plotly/);
    expect(readdirSync(dist).length).toBeGreaterThan(0);
  });
});
