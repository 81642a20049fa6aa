/**
 * The CLI's HTML reports (`sweep --html`, `calibrate --html`): one self-contained file that opens
 * offline. It inlines plotly's smallest official bundle that draws what the reports use
 * (plotly.js-basic-dist-min: scatter and bar traces, about 1.2 MB), and the data as base64
 * float64 (exact, about 11 bytes a number), so a report stays under 1.5 MB; a sweep with more
 * points than that budget allows is plotted at every k-th temperature, and the report says so.
 *
 * Layout: the four main plots in a 2-by-2 grid at every window width above 900 px, one column
 * below; wide plots span the grid. Log axes carry explicit ticks with full labels (powers of ten,
 * and 2× and 5× multiples when the range spans under two decades), never plotly's abbreviated
 * minor labels. The report prints the command line that made it and the package version.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** One plot: plotly traces and layout; number arrays are packed as base64 float64. */
export interface Figure {
  id: string;
  traces: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** What a report page shows. */
export interface Page {
  title: string;
  /** Short paragraphs under the title. */
  notes: string[];
  /** An optional table of figures (already formatted cells). */
  table?: { columns: string[]; rows: string[][] };
  /** The 2-by-2 grid (up to four figures). */
  grid: Figure[];
  /** Figures that span the width, below the grid. */
  wide: Figure[];
  /** The command line that made the report. */
  command: string;
  version: string;
}

/** The largest report, in bytes (the issue's budget). */
export const REPORT_BUDGET = 1_500_000;
/** Numbers the data of a report may hold (11 bytes each in base64) within the budget. */
export const REPORT_NUMBERS = 25_000;

/** A number array as base64 little-endian float64 (exact; decoded by the page). */
export function pack(values: ArrayLike<number>): { f64: string } {
  const a = Float64Array.from(values);
  return { f64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64") };
}

/** Ticks for a log axis from lo to hi (both > 0): powers of ten, plus 2× and 5× on short ranges. */
export function logTicks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  const a = Math.min(lo, hi);
  const b = Math.max(lo, hi);
  const first = Math.floor(Math.log10(a));
  const last = Math.ceil(Math.log10(b));
  const multiples = Math.log10(b / a) < 2 ? [1, 2, 5] : [1];
  const tickvals: number[] = [];
  for (let k = first; k <= last; k++)
    for (const m of multiples) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= a * (1 - 1e-12) && v <= b * (1 + 1e-12)) tickvals.push(v);
    }
  return { tickvals, ticktext: tickvals.map(tickLabel) };
}

function tickLabel(v: number): string {
  if (v >= 1e-4 && v < 1e5) return String(v);
  const k = Math.floor(Math.log10(v) + 1e-9);
  const m = Number((v / 10 ** k).toPrecision(3));
  return m === 1 ? `1e${k}` : `${m}e${k}`;
}

/** A command line as the user could type it again (arguments with spaces quoted). */
export function commandLine(argv: string[]): string {
  return ["gibbs-softmax", ...argv]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(" ");
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);
}

/** The HTML text of a report. Data is embedded as JSON, never as markup. */
export function renderPage(page: Page): string {
  const require = createRequire(import.meta.url);
  const plotly = readFileSync(
    require.resolve("plotly.js-basic-dist-min/plotly-basic.min.js"),
    "utf8",
  );
  const json = JSON.stringify({ grid: page.grid, wide: page.wide }, (_, v) =>
    typeof v === "number" && !Number.isFinite(v) ? null : v,
  ).replace(/</g, "\\u003c");
  const table =
    page.table === undefined
      ? ""
      : `<table>\n<thead><tr>${page.table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>\n<tbody>\n${page.table.rows
          .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
          .join("\n")}\n</tbody>\n</table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem; }
@media (max-width: 900px) { .grid { grid-template-columns: minmax(0, 1fr); } }
.plot { height: 340px; min-width: 0; }
.wide { height: 420px; margin-top: 1rem; }
p.note, footer { color: #555; }
footer code { word-break: break-all; }
table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${page.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}
${table}
<div class="grid">
${page.grid.map((f) => `<div class="plot" id="${f.id}"></div>`).join("\n")}
</div>
${page.wide.map((f) => `<div class="wide" id="${f.id}"></div>`).join("\n")}
<footer>
<p>Made by gibbs-softmax <span id="version">${escapeHtml(page.version)}</span> with <code id="command">${escapeHtml(page.command)}</code></p>
</footer>
<script>${plotly.replace(/<\/script/gi, "<\\/script")}</script>
<script>
const report = ${json};
function unpack(v) {
  if (v && typeof v === "object" && typeof v.f64 === "string") {
    const bytes = Uint8Array.from(atob(v.f64), (c) => c.charCodeAt(0));
    return new Float64Array(bytes.buffer);
  }
  if (Array.isArray(v)) return v.map(unpack);
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) o[k] = unpack(v[k]);
    return o;
  }
  return v;
}
const figures = [...report.grid, ...report.wide];
Promise.all(figures.map((f) =>
  Plotly.newPlot(f.id, unpack(f.traces), Object.assign({ margin: { t: 40, r: 20 } }, unpack(f.layout)),
    { displaylogo: false, responsive: true }),
)).then(() => { document.body.dataset.ready = "true"; });
</script>
</body>
</html>
`;
}

/** The data of the sweep's report (`sweep --html`). */
export interface ReportData {
  title: string;
  temperatureLabel: string;
  energyLabel: string;
  logScale: boolean;
  temperature: number[];
  freeEnergy: number[];
  internalEnergy: number[];
  entropy: number[];
  heatCapacity: number[];
  /** Occupations of selected states, one series per state. */
  states: { label: string; p: number[] }[];
  note: string;
  command: string;
  version: string;
}

/** Every k-th index (first and last kept) so that `series` curves of `m` points fit the budget. */
export function thinned(m: number, series: number): { index: number[]; stride: number } {
  const stride = Math.max(1, Math.ceil((m * series) / REPORT_NUMBERS));
  const index: number[] = [];
  for (let j = 0; j < m; j += stride) index.push(j);
  if (index[index.length - 1] !== m - 1 && m > 0) index.push(m - 1);
  return { index, stride };
}

/** A temperature axis: log with explicit ticks when the grid is positive and log-spaced. */
function temperatureAxis(data: ReportData): Record<string, unknown> {
  const title = { text: data.temperatureLabel };
  const T = data.temperature.filter((t) => Number.isFinite(t));
  if (!data.logScale || T.length === 0 || T.some((t) => !(t > 0))) return { title, type: "linear" };
  return { title, type: "log", ...logTicks(Math.min(...T), Math.max(...T)) };
}

/** The sweep's report: F, U, S and C against T in the grid, the occupations below. */
export function renderReport(data: ReportData): string {
  // Each trace carries its own x and y: 2 numbers per point per curve.
  const series = 2 * (5 + data.states.length);
  const { index, stride } = thinned(data.temperature.length, series);
  const pick = (v: number[]) => pack(index.map((j) => v[j] as number));
  const x = pick(data.temperature);
  const axis = temperatureAxis(data);
  const curve = (id: string, title: string, unit: string, y: number[]): Figure => ({
    id,
    traces: [{ x, y: pick(y), mode: "lines", name: title }],
    layout: { title: { text: title }, xaxis: axis, yaxis: { title: { text: unit } } },
  });
  const notes = [data.note];
  if (stride > 1)
    notes.push(
      `Plotted at every ${stride}th of the ${data.temperature.length} temperatures (and the last) to keep this file under 1.5 MB; the data file has them all.`,
    );
  return renderPage({
    title: data.title,
    notes,
    grid: [
      curve("freeEnergy", "Free energy F", data.energyLabel, data.freeEnergy),
      curve("internalEnergy", "Internal energy U", data.energyLabel, data.internalEnergy),
      curve("entropy", "Entropy S", "S", data.entropy),
      curve("heatCapacity", "Heat capacity C", "C", data.heatCapacity),
    ],
    wide: [
      {
        id: "probabilities",
        traces: data.states.map((s) => ({ x, y: pick(s.p), mode: "lines", name: s.label })),
        layout: {
          title: { text: "Occupations p_i(T)" },
          xaxis: axis,
          yaxis: { title: { text: "p" }, range: [0, 1] },
        },
      },
    ],
    command: data.command,
    version: data.version,
  });
}
