// npm's `prepare` for a clone: after `npm ci` or `npm install` it builds dist/ (the wasm kernel
// and the TypeScript), so the README's commands, `npx gibbs-softmax` included, work at once.
// npm also runs it when `npx gibbs-softmax` links the package before anything is installed; the
// build tools are missing then, and failing would leave npx's link half made and npx broken for
// good, so it says what to do and succeeds (the command itself then says it is not built yet).
// Not shipped: the packed package.json has no `prepare` (clean-package.config.json).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tools = ["typescript", "assemblyscript"].every((name) =>
  existsSync(`${root}/node_modules/${name}/package.json`),
);
if (!tools) {
  process.stderr.write("gibbs-softmax: not building dist/ yet (run `npm ci` first)\n");
  process.exit(0);
}
const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
process.exit(build.status ?? 1);
