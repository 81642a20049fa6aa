/**
 * Monte Carlo (issue 13): attempted spin flips per second of the 2D Ising sweeps at L = 256,
 * against the vectorised numpy checkerboard Metropolis that a course would teach
 * (bench/montecarlo_peers.py), in paired rounds: ours and numpy's timed back to back, the ratio
 * taken per round, then the median. Also the heat-bath and Wolff rates, the JavaScript path
 * (without the WebAssembly sweep), and the sweeps per second a 256 × 256 live picture gets.
 */
const TC = 2 / Math.log(1 + Math.SQRT2);

/** @param {import("./context.mjs").SuiteContext} ctx */
export default async function suite(ctx) {
  const { IsingLattice } = await ctx.dist("montecarlo/index.js");
  const { setKernelBackend } = await ctx.dist("index.js");
  const L = ctx.smoke ? 32 : 256;
  const budget = ctx.smoke ? 30 : 1500; // milliseconds of sweeps per figure
  const peerSweeps = ctx.smoke ? 5 : 150;
  const lines = [];
  const goals = [];
  const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "—");

  /** Sweeps a warmed-up lattice for about `budget` ms; returns spins visited (or flipped) per s. */
  const rate = (algorithm, T, { seed = 1, counting = "visited" } = {}) => {
    const lattice = new IsingLattice({ size: L, seed });
    for (let k = 0; k < (ctx.smoke ? 3 : 50); k++) lattice.sweep(T, algorithm);
    let sweeps = 0;
    let flipped = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      lattice.sweep(T, algorithm);
      sweeps++;
      flipped += lattice.lastClusterSize;
      if ((sweeps & 7) === 0) t = performance.now();
    } while (t - t0 < budget || sweeps < 8);
    const seconds = (performance.now() - t0) / 1e3;
    return {
      perSecond: (counting === "flipped" ? flipped : L * L * sweeps) / seconds,
      msPerSweep: (seconds * 1e3) / sweeps,
      energyPerSpin: lattice.energy / (L * L),
    };
  };

  const numpy = (T) => {
    try {
      return ctx.python("montecarlo_peers.py", [String(L), String(T), String(peerSweeps)])
        .results[0];
    } catch (error) {
      ctx.log(`montecarlo peer skipped: ${error.message.split("\n")[0]}`);
      return undefined;
    }
  };

  // The goal: Metropolis at T_c, paired rounds against numpy.
  let peerRow;
  const paired = await ctx.paired(
    ctx.rounds,
    async () => rate("metropolis", TC).perSecond,
    async () => {
      peerRow = numpy(TC);
      return peerRow?.flips_per_second ?? Number.NaN;
    },
  );
  const measured = Number.isFinite(paired.ratio);
  goals.push({
    label: `Metropolis at L = ${L}, T = T_c: ≥ 5× the numpy checkerboard Metropolis (attempted flips/s)`,
    value: measured
      ? `${fmt(paired.ratio)}× (rounds: ${fmt(paired.lo)}–${fmt(paired.hi)}; ours ${fmt(paired.ours / 1e6)} M/s, numpy ${fmt(paired.theirs / 1e6)} M/s)`
      : "— (python3 with numpy not available)",
    met: ctx.smoke
      ? "smoke run"
      : !measured
        ? "not measured"
        : paired.ratio >= 5
          ? "met"
          : "not met",
  });

  // Every figure of the suite, measured once more after the paired rounds.
  const rows = [];
  for (const T of [1.5, TC, 3.0]) {
    for (const algorithm of ["metropolis", "heatBath"]) {
      const r = rate(algorithm, T);
      rows.push([`${algorithm}, WebAssembly sweep`, T, r, "spins visited"]);
    }
    const w = rate("wolff", T, { counting: "flipped" });
    rows.push(["wolff (one cluster per sweep)", T, w, "spins flipped"]);
  }
  setKernelBackend("js");
  try {
    rows.push(["metropolis, JavaScript path", TC, rate("metropolis", TC), "spins visited"]);
    rows.push(["heatBath, JavaScript path", TC, rate("heatBath", TC), "spins visited"]);
  } finally {
    setKernelBackend("auto");
  }
  const peer = numpy(TC);
  lines.push(
    `Lattice ${L} × ${L}, periodic, J = 1, h = 0; T_c = 2/ln(1 + √2) = ${TC.toFixed(4)}. Rates in millions per second (one core); a Metropolis or heat-bath sweep visits L² spins, a Wolff sweep flips one cluster (its rate counts flipped spins). The goal's rounds are paired; the table is one more pass.`,
    "",
    "| update | T | M spins/s | ms per sweep | sweeps/s | E/spin at the end | counted |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      ([name, T, r, counted]) =>
        `| ${name} | ${T.toFixed(3)} | ${fmt(r.perSecond / 1e6)} | ${fmt(r.msPerSweep, 3)} | ${fmt(1e3 / r.msPerSweep, 0)} | ${r.energyPerSpin.toFixed(4)} | ${counted} |`,
    ),
    peer
      ? `| peer: ${peer.name}, numpy ${ctx.python("montecarlo_peers.py", ["4", "2", "1"]).versions.numpy} | ${TC.toFixed(3)} | ${fmt(peer.flips_per_second / 1e6)} | ${fmt(peer.ms_per_sweep, 3)} | ${fmt(1e3 / peer.ms_per_sweep, 0)} | ${peer.energy_per_spin.toFixed(4)} | spins visited |`
      : "| peer: numpy checkerboard Metropolis | — | not available | | | | |",
    "",
    `A live ${L} × ${L} picture needs one sweep per frame at ≥ 30 frames per second, so ≤ 33 ms per sweep: the table's "sweeps/s" column is the budget.`,
  );
  void peerRow;
  return { title: "Monte Carlo: 2D Ising sweeps (issue 13)", goals, lines };
}
