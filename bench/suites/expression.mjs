/**
 * Expression spectra (issue 11): spectrumFromExpression's compiled closures, in levels per second,
 * against the natural peer, mathjs' own compiled evaluator (`parse(text).compile().evaluate(scope)`
 * once per level, plus mathjs' conversion of the resulting quantity to the unit), timed in the
 * same rounds. The goal: 10⁶ levels of ħω(n + ½) in meV (scope quantities ħ = 1.054571817e−34 J·s,
 * ω = 2e13 rad/s) in under a second.
 */

const FORMULAS = [
  {
    label: "ħω(n + ½) in meV (ħ, ω as quantities)",
    energy: "hbar*omega*(n + 1/2)",
    scope: { hbar: "1.054571817e-34 J s", omega: "2e13 rad/s" },
    unit: "meV",
    as: "meV rad",
    goal: true,
  },
  { label: "−13.6 eV/n² in meV", energy: "-13.6 eV / n^2", from: 1, unit: "meV", as: "meV" },
  { label: "ħω(n + ½), numbers", energy: "hbar*omega*(n + 1/2)", scope: { hbar: 1, omega: 2 } },
  { label: "lgamma(n + 1) + sqrt(n), numbers", energy: "lgamma(n + 1) + sqrt(n)" },
];

/** @param {import("./context.mjs").SuiteContext} ctx */
export default async function suite(ctx) {
  const units = await ctx.dist("units/index.js");
  const { mathjs } = await ctx.dist("units/mathjs.js");
  const { math, parse } = mathjs();
  const levels = ctx.smoke ? 1000 : 1_000_000;
  const peerLevels = ctx.smoke ? 200 : 20_000;
  const rounds = Math.max(1, ctx.rounds);

  const ours = (f) => {
    const options = { energy: f.energy, scope: f.scope, unit: f.unit, from: f.from ?? 0 };
    units.spectrumFromExpression({ ...options, to: options.from + 999 }); // warm up
    return async () => {
      const t0 = performance.now();
      units.spectrumFromExpression({ ...options, to: options.from + levels - 1 });
      return (performance.now() - t0) / levels; // ms per level
    };
  };
  const peer = (f) => {
    const compiled = parse(f.energy).compile();
    const scope = new Map(
      Object.entries(f.scope ?? {}).map(([k, v]) => [k, typeof v === "string" ? math.unit(v) : v]),
    );
    const from = f.from ?? 0;
    const one = (n) => {
      scope.set("n", n);
      const v = compiled.evaluate(scope);
      return typeof v === "number" ? v : v.toNumber(f.as);
    };
    for (let n = from; n < from + 200; n++) one(n); // warm up
    return async () => {
      let sink = 0;
      const t0 = performance.now();
      for (let n = from; n < from + peerLevels; n++) sink += one(n);
      if (Number.isNaN(sink)) throw new Error("mathjs gave NaN");
      return (performance.now() - t0) / peerLevels;
    };
  };

  const rows = [];
  const goals = [];
  for (const f of FORMULAS) {
    ctx.log(`  expression: ${f.label}`);
    const r = await ctx.paired(rounds, ours(f), peer(f));
    const perSecond = (msPerLevel) => 1000 / msPerLevel;
    rows.push(
      `| ${f.label} | ${perSecond(r.ours).toExponential(2)} | ${perSecond(r.theirs).toExponential(2)} | ${(1 / r.ratio).toFixed(0)}× (rounds ${(1 / r.hi).toFixed(0)}–${(1 / r.lo).toFixed(0)}) |`,
    );
    if (f.goal) {
      const seconds = (r.ours * 1e6) / 1000;
      goals.push({
        label: "10⁶ levels of ħω(n + ½) in meV from a typed formula in under 1 s (issue 11)",
        value: `${seconds.toFixed(2)} s (${perSecond(r.ours).toExponential(2)} levels/s; mathjs' own compiled evaluate ${perSecond(r.theirs).toExponential(2)} levels/s)`,
        met: ctx.smoke ? "smoke run" : seconds < 1 ? "met" : "not met",
      });
    }
  }
  return {
    title: "Expression spectra (issue 11)",
    goals,
    lines: [
      `spectrumFromExpression over ${levels.toLocaleString("en")} levels against mathjs' own compiled`,
      `evaluator (\`parse(text).compile().evaluate(scope)\` per level, then mathjs' conversion of the`,
      `quantity to the unit) over ${peerLevels.toLocaleString("en")} levels, paired rounds (median of per-round ratios, ${rounds} round${rounds === 1 ? "" : "s"}).`,
      "",
      "| formula | ours, levels/s | mathjs evaluate, levels/s | speed-up |",
      "| --- | --- | --- | --- |",
      ...rows,
    ],
  };
}
