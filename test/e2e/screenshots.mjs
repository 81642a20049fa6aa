// `npm run screenshots`: runs test/e2e/screenshots.ts through Vite's module runner, since Node 20
// cannot run TypeScript by itself. Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
import { runnerImport } from "vite";

const { module } = await runnerImport(new URL("./screenshots.ts", import.meta.url).pathname);
await module.main();
