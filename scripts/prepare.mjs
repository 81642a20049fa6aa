// npm's `prepare` for a clone: after `npm ci` or `npm install` it builds dist/ (the wasm kernel
// and the TypeScript), so the README's commands, `npx gibbs-softmax` included, work at once.
// npm also runs it when `npx gibbs-softmax` links the package before anything is installed; the
// build tools are missing then, and failing would leave npx's link half made and npx broken for
// good, so it says what to do and succeeds (the command itself then says it is not built yet).
// dist/ newer than every source means it is up to date and is left alone. Not shipped: the packed package.json has no `prepare` (clean-package.config.json).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tools = ["typescript", "assemblyscript"].every((name) =>
  existsSync(`${root}/node_modules/${name}/package.json`),
);
if (!tools) {
  process.stderr.write("gibbs-softmax: not building dist/ yet (run `npm ci` first)\n");
  process.exit(0);
}
// Up to date already (npx links the package again with each new npm cache): nothing to do.
const newest = (path) => {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const built = [join(root, "dist", "index.js"), join(root, "dist", "cli", "main.js")];
if (built.every((f) => existsSync(f))) {
  const sources = ["src", "assembly", "tsconfig.json", "package.json"].map((p) => join(root, p));
  const oldestBuilt = Math.min(...built.map((f) => statSync(f).mtimeMs));
  if (Math.max(...sources.map(newest)) < oldestBuilt) process.exit(0);
}
const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
process.exit(build.status ?? 1);
