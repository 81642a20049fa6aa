/**
 * Writing tables for the CLI: CSV, JSON, JSON Lines or an aligned text table, through a Sink
 * (sink.ts: standard output, or a file written atomically). The aligned table is held in memory
 * until the end, so it has a cap (LIMITS.tableCells); the other formats stream.
 */
import { UsageError } from "./errors.js";
import { LIMITS } from "./limits.js";
import type { Sink } from "./sink.js";

export { Sink } from "./sink.js";

export const FORMATS = ["csv", "json", "jsonl", "table", "npz"] as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(format: string): Format {
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `--format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(format)}`,
    );
  }
  return format as Format;
}

/** A number as text: the shortest string that reads back as the same double. */
export function num(x: number): string {
  return Object.is(x, -0) ? "0" : String(x);
}

/**
 * Streams rows of a table in the chosen format. Columns are fixed up front; rows are arrays of
 * numbers (or strings) in that order. JSON is written as an array of objects, incrementally.
 */
export class TableWriter {
  private rows = 0;
  private readonly widths: number[];
  private readonly buffered: string[][] = [];

  constructor(
    private readonly sink: Sink,
    private readonly format: Format,
    private readonly columns: string[],
  ) {
    this.widths = columns.map((c) => c.length);
  }

  async row(values: (number | string)[]): Promise<void> {
    const cells = values.map((v) => (typeof v === "number" ? num(v) : v));
    switch (this.format) {
      case "csv":
        if (this.rows === 0) await this.sink.write(`${this.columns.map(csvField).join(",")}\n`);
        await this.sink.write(`${cells.map(csvField).join(",")}\n`);
        break;
      case "jsonl":
        await this.sink.write(`${JSON.stringify(record(this.columns, values))}\n`);
        break;
      case "json":
        await this.sink.write(
          `${this.rows === 0 ? "[\n" : ",\n"}  ${JSON.stringify(record(this.columns, values))}`,
        );
        break;
      case "table":
        if ((this.rows + 1) * cells.length > LIMITS.tableCells) {
          throw new UsageError(
            `--format table holds the whole table in memory and is limited to ${LIMITS.tableCells} cells; use --format csv (or json, jsonl), which stream`,
          );
        }
        cells.forEach((c, i) => {
          this.widths[i] = Math.max(this.widths[i] ?? 0, c.length);
        });
        this.buffered.push(cells);
        break;
    }
    this.rows++;
  }

  async end(): Promise<void> {
    if (this.format === "json") await this.sink.write(this.rows === 0 ? "[]\n" : "\n]\n");
    if (this.format === "csv" && this.rows === 0)
      await this.sink.write(`${this.columns.join(",")}\n`);
    if (this.format === "table") {
      const line = (cells: string[]) =>
        cells.map((c, i) => c.padStart(this.widths[i] ?? 0)).join("  ");
      await this.sink.write(`${line(this.columns)}\n`);
      for (const cells of this.buffered) await this.sink.write(`${line(cells)}\n`);
    }
  }
}

/** JSON with numbers that survive: ±Infinity and NaN become strings (JSON has no literal). */
function record(columns: string[], values: (number | string)[]): Record<string, number | string> {
  const o: Record<string, number | string> = {};
  columns.forEach((c, i) => {
    const v = values[i] as number | string;
    o[c] = typeof v === "number" && !Number.isFinite(v) ? String(v) : v;
  });
  return o;
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
