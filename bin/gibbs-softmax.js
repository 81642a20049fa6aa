#!/usr/bin/env node
// The `gibbs-softmax` command: runs the built tool in dist/. This file is not built, so npm can
// link the command even before dist/ exists (an early `npx gibbs-softmax` in a fresh clone then
// says how to build instead of failing with "not found", and works once the build is done).
let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (error) {
  const missing =
    error?.code === "ERR_MODULE_NOT_FOUND" &&
    /dist[/\\]cli[/\\]main\.js/.test(String(error.message));
  if (!missing) throw error;
  process.stderr.write(
    "gibbs-softmax: the tool is not built yet (dist/ is missing); run `npm run build` in the package folder (`npm ci` does it)\n",
  );
  process.exit(1);
}
await cli.main();
