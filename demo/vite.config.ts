import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

// The demo imports "gibbs-softmax" (and its subpaths) exactly as a user would; here the names
// point at the source. base "./" makes every asset path relative, so the built site works from
// any folder. The Monte Carlo panel's Web Worker is bundled as an ES module.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  resolve: {
    alias: [
      { find: /^gibbs-softmax$/, replacement: source("index.ts") },
      { find: /^gibbs-softmax\/montecarlo$/, replacement: source("montecarlo/index.ts") },
      { find: /^gibbs-softmax\/models$/, replacement: source("models/index.ts") },
    ],
  },
  worker: { format: "es" },
  // plotly.js-dist is one prebuilt bundle of about 4.6 MB minified; that is expected here.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 6000 },
});
