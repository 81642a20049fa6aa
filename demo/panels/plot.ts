/**
 * One Plotly graph that a panel keeps up to date. While the temperature moves continuously (a
 * "moving" frame), a graph that is off screen is not redrawn: it catches up shortly after the
 * movement stops, or as soon as it scrolls into view.
 */
import { draw, type Figure, followSize } from "../plots.ts";
import type { Frame } from "../store.ts";
import { el, onScreen } from "./dom.ts";

/** The pause after the last moving frame before off-screen graphs catch up. */
const CATCH_UP_MS = 250;

export class Graph {
  readonly id: string;
  readonly node: HTMLElement;
  #stale: (() => Figure) | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(id: string) {
    this.id = id;
    this.node = el(id);
    followSize(id);
    window.addEventListener("scroll", () => this.#catchUp(true), { passive: true });
  }

  /** Draws `figure()` now, or later when the frame is moving and the graph is off screen. */
  update(frame: Frame, figure: () => Figure): void {
    clearTimeout(this.#timer);
    if (frame.moving && !onScreen(this.node)) {
      this.#stale = figure;
      this.#timer = setTimeout(() => this.#catchUp(false), CATCH_UP_MS);
      return;
    }
    this.#stale = null;
    frame.wait(draw(this.id, figure()));
  }

  /** Draws outside a frame (e.g. a histogram that grows while samples are drawn). */
  drawNow(figure: Figure): Promise<unknown> {
    this.#stale = null;
    return draw(this.id, figure);
  }

  #catchUp(onlyIfVisible: boolean): void {
    const figure = this.#stale;
    if (figure === null || (onlyIfVisible && !onScreen(this.node))) return;
    this.#stale = null;
    void draw(this.id, figure());
  }
}
