/**
 * What the browser tests and the screenshot script share: find Debian's Chromium, build the demo
 * into a temporary folder with Vite's `build` API, serve it from a nested path (so relative
 * asset paths are exercised), and launch a headless browser with a fresh profile.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { build } from "vite";

export const root = join(import.meta.dirname, "..", "..");

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumFound = existsSync(chromiumPath);
export const onCI = process.env.CI === "true";

/**
 * True when a browser test should skip: no Chromium here and not CI (under CI=true it runs, and
 * fails without Chromium). Says plainly what is skipped and how to get Chromium.
 */
export function skipWithoutChromium(what: string): boolean {
  const skip = !chromiumFound && !onCI;
  if (skip)
    console.warn(
      `SKIPPING ${what}: no Chromium at ${chromiumPath}. Install it with \`apt-get install chromium\` (or set CHROMIUM_PATH); with CI=true it runs and fails instead.`,
    );
  return skip;
}

/** Flags for a headless run in a container: no sandbox, no GPU, no network chatter. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Builds the demo (demo/vite.config.ts) into `outDir`. */
export async function buildDemo(outDir: string): Promise<void> {
  await build({
    configFile: join(root, "demo", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

export interface Served {
  /** The site's address, ending in the prefix, e.g. http://127.0.0.1:40123/some/folder/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` under the path `prefix` (e.g. "/any/folder/") on a free localhost
 * port; anything outside the prefix is a 404, so an absolute asset path would fail to load.
 */
export async function serveStatic(dir: string, prefix = "/"): Promise<Served> {
  const base = normalize(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (!path.startsWith(prefix)) {
      response.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    void (async () => {
      try {
        if ((await stat(file)).isDirectory()) file = join(file, "index.html");
        const body = await readFile(file);
        response.writeHead(200, {
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        });
        response.end(body);
      } catch {
        response.writeHead(404).end("not found");
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile directory, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "gibbs-softmax-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh temporary folder for a build. */
export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `gibbs-softmax-${name}-`));
}

/**
 * Opens a local report (file://) with every network request refused, waits until the page sets
 * `data-ready` and plotly has finished its layout, and saves a full-page PNG at `width` px. Throws
 * if the page asked the network for anything: a report must open offline.
 */
export async function screenshotOffline(
  browser: Browser,
  file: string,
  out: string,
  width = 1280,
): Promise<void> {
  const refused: string[] = [];
  await browser.context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } })
        .document.body.dataset.ready === "true",
  );
  await page.waitForTimeout(500); // plotly's last layout pass
  await page.screenshot({ path: out, fullPage: true });
  await page.close();
  if (refused.length > 0) throw new Error(`the report asked the network for ${refused.join(", ")}`);
}
