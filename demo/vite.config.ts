import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The demo imports "gibbs-softmax" exactly as a user would; here the name points at the source.
// base "./" makes every asset path relative, so the built site works from any folder.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  resolve: {
    alias: { "gibbs-softmax": fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
  },
  // plotly.js-dist is one prebuilt bundle of about 4.6 MB minified; that is expected here.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 6000 },
});
