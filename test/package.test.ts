/**
 * The package as users get it: the built dist/ is importable by name from inside the repo (Node
 * self-reference) and from another project that installs the `npm pack` tarball, on a machine
 * whose npm cache is empty and without a single npm warning; the tarball holds no install script
 * and no source maps; the README's `npx` commands run as written; it ships its types; and the
 * core entry stays small and loads no mathjs or plotly (a size budget is a test).
 * Needs `npm run build` first (the test script runs it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const built = existsSync(join(dist, "index.js"));
const manifestBefore = readFileSync(join(root, "package.json"), "utf8");
let tarball = "";

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

  it("packs without warnings: no install script, no source maps, the bin and dist only", () => {
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    tarball = join(work, packed.split("\n").pop() as string);
    // The prepack/postpack pair must leave the repository's package.json as it was.
    expect(readFileSync(join(root, "package.json"), "utf8")).toBe(manifestBefore);
    expect(existsSync(join(root, "package.json.backup"))).toBe(false);
    const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toContain("package/bin/gibbs-softmax.js");
    expect(listing).toContain("package/dist/cli/main.js");
    expect(listing.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(
      listing.filter(
        (f) => !/^package\/(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/.test(f),
      ),
    ).toEqual([]);
    const manifest = JSON.parse(
      execFileSync("tar", ["xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    );
    for (const script of ["preinstall", "install", "postinstall", "prepare", "prepack", "postpack"])
      expect(manifest.scripts?.[script], script).toBeUndefined();
    const mapped = execFileSync("tar", ["xzOf", tarball, "package/dist/index.js"], {
      encoding: "utf8",
    });
    expect(mapped).not.toMatch(/sourceMappingURL/);
  });

  // A new machine has an empty npm cache: install online (the registry is reachable on every
  // machine and in CI) with a cache of the test's own, never `--offline`, which passes only where
  // an earlier install happened to warm the cache.
  it("installs from its tarball into a new project, with an empty npm cache, without warnings", () => {
    expect(tarball, "the pack test runs first").not.toBe("");
    const project = join(work, "consumer");
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const install = spawnSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--cache", join(work, "npm-cache"), tarball],
      { cwd: project, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "warn" } },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/npm warn|npm WARN|deprecated/i);
    // The README's install size, reproduced: every file under node_modules, in MB (10⁶ bytes).
    const bytes = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return sum + bytes(path);
        return e.isFile() ? sum + statSync(path).size : sum;
      }, 0);
    const megabytes = bytes(join(project, "node_modules")) / 1e6;
    console.log(`installed size: ${megabytes.toFixed(1)} MB`);
    const claimed = /the\s+package takes (\d+) MB/.exec(
      readFileSync(join(root, "README.md"), "utf8"),
    );
    expect(claimed, "the README states the install size").not.toBeNull();
    // Within 1 MB: the dependencies' own patch releases move it a little.
    expect(Math.abs(megabytes - Number(claimed?.[1]))).toBeLessThan(1);
    const installed = join(project, "node_modules", "gibbs-softmax");
    expect(existsSync(join(installed, "dist", "index.d.ts"))).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
    const r = run(project);
    expect(r.p[0]).toBeCloseTo(0.02364054, 8);
    expect(r.S).toBeCloseTo(0.582203108888218, 14);
    // The command, as the README runs it, from the installed package.
    const cli = spawnSync("npx", ["--no-install", "gibbs-softmax", "softmax", "1", "2"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, npm_config_cache: join(work, "npm-cache") },
    });
    expect(cli.status, cli.stderr).toBe(0);
    // exp(1)/(e + e²) = 1/(1 + e) = 0.2689414213699951 (a closed form).
    expect(cli.stdout).toBe(
      "index,logit,probability\n0,1,0.2689414213699951\n1,2,0.7310585786300049\n",
    );
  }, 120_000);

  it("runs the README's command-line examples as written, npx included, with a new npm cache", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const commands: string[] = [];
    let pending: string | undefined;
    for (const line of readme.split("\n")) {
      if (pending === undefined && !line.startsWith("npx gibbs-softmax")) continue;
      const text = `${pending ?? ""}${line.replace(/\\$/, "").trim()} `;
      if (line.endsWith("\\")) pending = text;
      else {
        commands.push(text.trim());
        pending = undefined;
      }
    }
    expect(commands.length).toBeGreaterThanOrEqual(2);
    // A folder inside the repository, so npx finds the package's own command; git ignores it.
    const here = mkdtempSync(join(root, "node_modules", ".readme-"));
    try {
      // The calibration example reads the four .npy files that the tutorial's first step makes.
      const tutorial = readFileSync(join(root, "docs", "tutorials", "calibration.md"), "utf8");
      const makeFiles = /```python\n([\s\S]*?)```/.exec(tutorial)?.[1];
      expect(makeFiles).toContain("np.save");
      execFileSync("python3", ["-c", makeFiles as string], { cwd: here, stdio: "pipe" });
      for (const command of commands) {
        const r = spawnSync("sh", ["-c", command], {
          cwd: here,
          encoding: "utf8",
          env: { ...process.env, npm_config_cache: join(work, "npx-cache") },
        });
        expect(r.status, `${command}\n${r.stderr}`).toBe(0);
        // No npm warning and no trace; calibrate's one-line summary is its only message.
        const messages = r.stderr
          .split("\n")
          .filter((l) => l !== "" && !l.startsWith("fitted τ = "));
        expect(messages, command).toEqual([]);
      }
      expect(existsSync(join(here, "sweep.csv"))).toBe(true);
      expect(existsSync(join(here, "report.html"))).toBe(true);
    } finally {
      rmSync(here, { recursive: true, force: true });
    }
  }, 120_000);

  it("an npx before the build says what to do, and does not break npx once built", () => {
    // A clone before `npm ci`: the package's own files, no node_modules, no dist/.
    const clone = join(work, "clone");
    mkdirSync(clone, { recursive: true });
    cpSync(join(root, "package.json"), join(clone, "package.json"));
    cpSync(join(root, "bin"), join(clone, "bin"), { recursive: true });
    cpSync(join(root, "scripts"), join(clone, "scripts"), { recursive: true });
    const env = { ...process.env, npm_config_cache: join(work, "early-npx-cache") };
    const npx = () =>
      spawnSync("npx", ["gibbs-softmax", "--version"], { cwd: clone, encoding: "utf8", env });
    const early = npx();
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/gibbs-softmax: the tool is not built yet \(dist\/ is missing\)/);
    // Then the install and the build (here: the repository's, linked and copied in).
    symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
    cpSync(dist, join(clone, "dist"), { recursive: true });
    const later = npx();
    expect(later.stderr).toBe("");
    expect(later.stdout.trim()).toBe(JSON.parse(manifestBefore).version);
  }, 120_000);

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

  // 16 kB of JavaScript and the 7.7 kB WebAssembly SIMD kernel (in hexadecimal, which gzip packs
  // to 3.6 kB where base64 took 4.8 kB), plus 1.4 kB for issue 11's checks (inputs read once, a
  // strict `out`, the refined moments of thermodynamics, identities and fitTemperature at the
  // extremes), plus 7 kB for issue 12 (linear-time sampling filters, signed log-sum-exp in
  // double-double, cross-entropy and KL with their Rows forms): 32.7 kB.
  it("bundles the core into under 34 kB gzipped (minified, as a user's bundler would)", async () => {
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
    expect(gz).toBeLessThan(34_000);
    // The README's figures, reproduced: the bundle and the kernel's share, in kB (10³ bytes).
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const claimed =
      /core entry point is (\d+) kB gzipped \(of which (\d+) kB is the\s+WebAssembly kernel\)/.exec(
        readme,
      );
    expect(claimed, "the README states the core's size").not.toBeNull();
    expect(Math.round(gz / 1e3)).toBe(Number(claimed?.[1]));
    const hex = /"([0-9a-f]{1000,})"/.exec(code.toString())?.[1] ?? "";
    expect(hex.length, "the kernel is embedded in hexadecimal").toBeGreaterThan(10_000);
    expect(Math.round(gzipSync(hex).length / 1e3)).toBe(Number(claimed?.[2]));
    expect(code.toString()).not.toMatch(/mathjs|plotly/);
    expect(readdirSync(dist).length).toBeGreaterThan(0);
  });
});
