#!/usr/bin/env node
/**
 * The mutation pass (docs/testing.md): plants each bug of test/mutation/mutants.mjs in turn,
 * runs the test files named for it, and reports whether the suite catches it (the run fails).
 * Every planted bug must be caught; a bug that survives is a hole in the tests.
 *
 *   npm run test:mutants                  # every mutant (about 15 minutes on an idle machine)
 *   npm run test:mutants -- fused-kB-C    # the mutants whose id contains this text
 *   npm run test:mutants -- --list        # list them
 *   npm run test:mutants -- --without test/a.test.ts,test/b.test.ts
 *                                         # as if those test files did not exist (what they add)
 *   npm run test:mutants -- --json out.json
 *                                         # also write every result, with every failing test
 *
 * The source is restored after each mutant (also on Ctrl-C). While a mutant is planted, the file's
 * true text waits in test/mutation/.planted.json; a run that was killed outright (SIGKILL, a lost
 * machine) leaves it there, and the next run puts it back before anything else. A mutant of the WebAssembly kernel,
 * or one whose tests need dist/ (the CLI, sweepParallel), is built first (`npm run build`), and
 * the real build is restored right after its tests.
 * Not part of `npm test`: it is slow, and it rewrites files under src/ while it runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTANTS } from "./mutants.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The journal of the planted file: written before the mutant, removed after the restore. */
const journal = join(root, "test", "mutation", ".planted.json");
if (existsSync(journal)) {
  const { file, text } = JSON.parse(readFileSync(journal, "utf8"));
  writeFileSync(join(root, file), text);
  rmSync(journal, { force: true });
  console.error(
    `restored ${file}: an earlier run was stopped while a mutant was planted in it (run \`npm run build\` if dist/ may hold a mutated build)`,
  );
}
const args = process.argv.slice(2);
if (args.includes("--list")) {
  for (const m of MUTANTS) console.log(`${m.id.padEnd(28)} ${m.file}: ${m.what}`);
  process.exit(0);
}
const withoutIndex = args.indexOf("--without");
const without = withoutIndex >= 0 ? (args[withoutIndex + 1] ?? "").split(",") : [];
const jsonIndex = args.indexOf("--json");
const jsonOut = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
if (jsonIndex >= 0 && (jsonOut === undefined || jsonOut.startsWith("--"))) {
  console.error("--json needs a file name: npm run test:mutants -- --json out.json");
  process.exit(2);
}
const filter = args.find(
  (a, i) =>
    !a.startsWith("--") &&
    (withoutIndex < 0 || i !== withoutIndex + 1) &&
    (jsonIndex < 0 || i !== jsonIndex + 1),
);
const chosen = MUTANTS.filter((m) => filter === undefined || m.id.includes(filter));
if (chosen.length === 0) {
  console.error(`no mutant matches ${JSON.stringify(filter)} (npm run test:mutants -- --list)`);
  process.exit(2);
}

/** Test files that import the built package (dist/): they need a rebuild after a mutation. */
const NEEDS_BUILD = [
  "test/cli.test.ts",
  "test/parallel.test.ts",
  "test/sweep-kb.test.ts",
  "test/bench-smoke.test.ts",
  "test/calibration-reference.test.ts",
];

const originals = new Map();
function restore() {
  for (const [file, text] of originals) writeFileSync(join(root, file), text);
  originals.clear();
  rmSync(journal, { force: true });
}
function plant(file, text, mutated) {
  originals.set(file, text);
  // The journal lands whole (write, then rename) before the source is touched.
  writeFileSync(`${journal}.tmp`, JSON.stringify({ file, text }));
  renameSync(`${journal}.tmp`, journal);
  writeFileSync(join(root, file), mutated);
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    restore();
    if (mutatedBuild) console.error("dist/ holds a mutated build: run `npm run build`");
    process.exit(130);
  });
}

function build() {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}

const report = join(tmpdir(), `gibbs-softmax-mutants-${process.pid}.json`);

/** Runs vitest on the files; ok when every test passed, with the titles of the failed ones. */
function vitest(files) {
  const r = spawnSync(
    process.execPath,
    [
      join(root, "node_modules", "vitest", "vitest.mjs"),
      "run",
      "--reporter=json",
      `--outputFile=${report}`,
      ...files,
    ],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 26,
      env: { ...process.env, CI: "true" },
      timeout: 15 * 60_000,
    },
  );
  if (r.error !== undefined || r.signal !== null) {
    rmSync(report, { force: true });
    return { ok: false, failed: [`(the run did not finish: ${r.error?.message ?? r.signal})`] };
  }
  const failed = [];
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    for (const file of json.testResults ?? []) {
      const name = relative(root, file.name);
      if (file.status === "failed" && (file.assertionResults ?? []).length === 0)
        failed.push(`${name} (did not load)`);
      for (const a of file.assertionResults ?? [])
        if (a.status === "failed") failed.push(`${name} › ${a.fullName}`);
    }
  } catch {
    failed.push("(no report)");
  } finally {
    rmSync(report, { force: true });
  }
  return { ok: r.status === 0, failed };
}

/** True while dist/ and the compiled kernel hold a mutated build. */
let mutatedBuild = false;
const results = [];
try {
  for (const m of chosen) {
    const path = join(root, m.file);
    const text = readFileSync(path, "utf8");
    const count = text.split(m.find).length - 1;
    if (count !== 1) {
      results.push({ m, status: `stale: the text to replace occurs ${count} times` });
      console.error(`${m.id}: stale (${count} occurrences of the text to replace)`);
      continue;
    }
    plant(m.file, text, text.replace(m.find, m.replace));
    const needsBuild =
      m.tests.some((t) => NEEDS_BUILD.includes(t)) || m.file.startsWith("assembly/");
    if (needsBuild) {
      mutatedBuild = true;
      try {
        build();
      } catch {
        restore();
        build();
        mutatedBuild = false;
        results.push({ m, status: "does not build" });
        console.error(`${m.id}: the mutated source does not build`);
        continue;
      }
    }
    const started = Date.now();
    const files = m.tests.filter((t) => !without.includes(t));
    const r = files.length === 0 ? { ok: true, failed: [] } : vitest(files);
    restore();
    if (mutatedBuild) {
      // The compiled kernel (src/internal/wasm) and dist/ go back to the real source at once,
      // or the next mutant's tests would run on this one's build.
      build();
      mutatedBuild = false;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const status = r.ok ? "SURVIVED" : "caught";
    results.push({ m, status, failed: r.failed });
    const failingFiles = [...new Set(r.failed.map((f) => f.split(" › ")[0]))];
    console.error(
      `${m.id.padEnd(28)} ${status.padEnd(8)} ${seconds.padStart(4)} s  ${r.failed.length} failing${failingFiles.length ? ` in ${failingFiles.join(", ")}` : ""}${r.failed.length ? `: ${r.failed.slice(0, 3).join(" | ")}` : ""}`,
    );
  }
} finally {
  restore();
  if (mutatedBuild) build();
}
if (jsonOut !== undefined) {
  const rows = results.map(({ m, status, failed }) => ({
    id: m.id,
    file: m.file,
    status,
    tests: m.tests.filter((t) => !without.includes(t)),
    failed: failed ?? [],
  }));
  writeFileSync(jsonOut, `${JSON.stringify(rows, null, 2)}\n`);
}
const survived = results.filter((r) => r.status !== "caught");
console.log(
  `\n${results.length - survived.length} of ${results.length} planted bugs caught${survived.length ? `; not caught: ${survived.map((r) => `${r.m.id} (${r.status})`).join(", ")}` : ""}`,
);
process.exit(survived.length === 0 ? 0 : 1);
