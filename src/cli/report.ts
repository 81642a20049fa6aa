/**
 * The sweep's HTML report: one self-contained file, plotly.js inlined, that opens with no
 * network. It plots F, U, S and C against T (log axis when the grid is positive) and the
 * occupations of up to 40 states (the lowest energies) against T.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

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
}

/** The HTML text of the report. Data is embedded as JSON, never as markup. */
export function renderReport(data: ReportData): string {
  const require = createRequire(import.meta.url);
  const plotly = readFileSync(require.resolve("plotly.js-dist/plotly.js"), "utf8");
  const json = JSON.stringify(data, (_, v) =>
    typeof v === "number" && !Number.isFinite(v) ? null : v,
  ).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gibbs-softmax sweep report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
.plot { height: 340px; }
#probabilities { height: 420px; }
p.note { color: #555; }
</style>
</head>
<body>
<h1 id="title"></h1>
<p class="note" id="note"></p>
<div class="grid">
<div class="plot" id="freeEnergy"></div>
<div class="plot" id="internalEnergy"></div>
<div class="plot" id="entropy"></div>
<div class="plot" id="heatCapacity"></div>
</div>
<div id="probabilities"></div>
<script>${plotly.replace(/<\/script/gi, "<\\/script")}</script>
<script>
const data = ${json};
document.getElementById("title").textContent = data.title;
document.getElementById("note").textContent = data.note;
const axis = { title: { text: data.temperatureLabel }, type: data.logScale ? "log" : "linear" };
const curves = [
  ["freeEnergy", "Free energy F", data.energyLabel],
  ["internalEnergy", "Internal energy U", data.energyLabel],
  ["entropy", "Entropy S", "S"],
  ["heatCapacity", "Heat capacity C", "C"],
];
for (const [id, title, unit] of curves) {
  Plotly.newPlot(id, [{ x: data.temperature, y: data[id], mode: "lines", name: title }],
    { title: { text: title }, xaxis: axis, yaxis: { title: { text: unit } }, margin: { t: 40 } },
    { displaylogo: false, responsive: true });
}
Plotly.newPlot("probabilities", data.states.map((s) => ({ x: data.temperature, y: s.p, mode: "lines", name: s.label })),
  { title: { text: "Occupations p_i(T)" }, xaxis: axis, yaxis: { title: { text: "p" }, range: [0, 1] }, margin: { t: 40 } },
  { displaylogo: false, responsive: true });
document.body.dataset.ready = "true";
</script>
</body>
</html>
`;
}
