/**
 * What the demo's browser suites share: one built demo, one headless Chromium and a fresh page
 * per test that fails on any console error ({@link useDemo}), reading the plotted traces, and
 * measuring the rendered text boxes of a graph (tick labels, axis titles, annotations, legend).
 *
 * Without Chromium (and CI not "true") the suites say so and skip; under CI=true they must run.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import {
  type Browser,
  buildDemo,
  chromiumFound,
  chromiumPath,
  launchBrowser,
  type Served,
  serveStatic,
  skipWithoutChromium,
  tempDir,
} from "./harness.js";

// The few DOM shapes the page functions touch (the test tsconfig has no DOM lib).
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface Node {
  textContent: string | null;
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  closest(selector: string): Node | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  data?: { uid?: string; type?: string; x?: ArrayLike<unknown>; y?: ArrayLike<unknown> }[];
  dataset: Record<string, string | undefined>;
}
declare const document: {
  getElementById(id: string): Node | null;
  body: Node;
};
declare function requestAnimationFrame(callback: () => void): number;

export const skip = skipWithoutChromium("the browser tests (test/e2e)");

export interface Demo {
  page: Page;
  served: Served;
  /** The folder the demo was built into. */
  out: string;
  /** Opens the demo with a query string and waits for its first render. */
  open(query?: string): Promise<void>;
}

/**
 * Registers the hooks of a suite that drives the demo: build once, one browser, a fresh page per
 * test, and a failure for any console error or failed request. Call inside `describe`.
 */
export function useDemo(): Demo {
  let browser: Browser;
  let errors: string[] = [];
  const demo = {} as Demo;

  beforeAll(async () => {
    if (!chromiumFound) {
      throw new Error(
        `CI=true but no Chromium at ${chromiumPath}: install it (apt-get install chromium)`,
      );
    }
    demo.out = tempDir("demo");
    await buildDemo(demo.out);
    demo.served = await serveStatic(demo.out, "/any/nested/folder/");
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo.served?.close();
  });

  beforeEach(async () => {
    errors = [];
    const page = await browser.context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
    page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
    demo.page = page;
  });

  afterEach(async () => {
    await demo.page.close();
    expect(errors, "console errors or failed requests").toEqual([]);
  });

  demo.open = async (query = "") => {
    await demo.page.goto(`${demo.served.url}${query}`);
    await demo.page.waitForFunction(() => document.body.dataset.ready === "true");
    await settle(demo.page);
  };
  return demo;
}

/** Waits two animation frames: the demo renders on the first frame after a change. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Waits until Plotly has finished drawing (two frames, then a short pause for its layout). */
export async function drawn(page: Page): Promise<void> {
  await settle(page);
  await page.waitForTimeout(300);
  await settle(page);
}

export interface Trace {
  type: string;
  x: (number | null)[];
  y: (number | null)[];
}

/** The traces of a graph div, by uid, as plain arrays. */
export async function plotted(page: Page, id: string): Promise<Record<string, Trace>> {
  return page.evaluate((graph) => {
    const out: Record<string, { type: string; x: (number | null)[]; y: (number | null)[] }> = {};
    const plain = (v: ArrayLike<unknown> | undefined) =>
      Array.from(v ?? [], (x) => (x === null ? null : Number(x)));
    for (const trace of document.getElementById(graph)?.data ?? []) {
      out[trace.uid ?? ""] = { type: trace.type ?? "", x: plain(trace.x), y: plain(trace.y) };
    }
    return out;
  }, id);
}

/** A rendered piece of text in a graph and its box on the page. */
export interface TextBox {
  kind: "tick" | "title" | "annotation" | "legend";
  /** For tick labels: the axis layer they belong to, and whether they are rotated. */
  axis: string;
  rotated: boolean;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every visible piece of text Plotly drew in the graph `id`, with its box. */
export async function textBoxes(
  page: Page,
  id: string,
): Promise<{ boxes: TextBox[]; frame: Rect }> {
  return page.evaluate((graph) => {
    const div = document.getElementById(graph);
    if (div === null) throw new Error(`no #${graph}`);
    const groups: [TextBox["kind"], string][] = [
      ["tick", ".xaxislayer-above text, .yaxislayer-above text"],
      ["title", ".infolayer g[class^='g-'][class$='title'] text"],
      ["annotation", ".annotation-text-g text"],
      ["legend", ".legend text.legendtext"],
    ];
    const boxes: TextBox[] = [];
    for (const [kind, selector] of groups) {
      for (const node of Array.from(div.querySelectorAll(selector))) {
        const text = (node.textContent ?? "").trim();
        const r = node.getBoundingClientRect();
        if (text === "" || r.width === 0 || r.height === 0) continue;
        const layer = node.closest("g[class$='tick']");
        boxes.push({
          kind,
          axis: `${node.closest("g[class$='layer-above']")?.getAttribute("class") ?? ""}|${layer?.getAttribute("class") ?? ""}`,
          rotated: /rotate\((?!0[,)])/.test(node.getAttribute("transform") ?? ""),
          text,
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        });
      }
    }
    const f = div.getBoundingClientRect();
    return {
      boxes,
      frame: {
        left: f.left,
        right: f.right,
        top: f.top,
        bottom: f.bottom,
        width: f.width,
        height: f.height,
      },
    };
  }, id);
}

/**
 * The pairs of text boxes in the graph `id` that intersect (by more than `slack` pixels each
 * way), and the boxes that stick out of the graph (cut off). Two tick labels of one rotated
 * axis are not compared: their upright bounding boxes overlap although the slanted text does not.
 */
export async function collisions(
  page: Page,
  id: string,
  slack = 1,
): Promise<{ overlaps: string[]; outside: string[]; boxes: TextBox[] }> {
  const { boxes, frame } = await textBoxes(page, id);
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as TextBox;
      const b = boxes[j] as TextBox;
      if (a.kind === "tick" && b.kind === "tick" && a.axis === b.axis && a.rotated) continue;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > slack && y > slack) overlaps.push(`${a.kind} “${a.text}” × ${b.kind} “${b.text}”`);
    }
  }
  const outside = boxes
    .filter(
      (b) =>
        b.left < frame.left - slack ||
        b.right > frame.right + slack ||
        b.top < frame.top - slack ||
        b.bottom > frame.bottom + slack,
    )
    .map((b) => `${b.kind} “${b.text}”`);
  return { overlaps, outside, boxes };
}
