import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The demo imports "gibbs-softmax" exactly as a user would; here the name points at the source.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  resolve: {
    alias: { "gibbs-softmax": fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
