/** The χ² helper of the Monte Carlo tests against scipy.stats.chi2.sf (scipy 1.x, printed with repr). */
import { expect, it } from "vitest";
import { chiSquareSurvival, chiSquareTest } from "../helpers/chiSquare.js";

it("the χ² survival function matches scipy.stats.chi2.sf", () => {
  const scipy: [number, number, number][] = [
    [3.0, 2, 0.22313016014842982],
    [10.0, 5, 0.07523524614651217],
    [25.0, 10, 0.005345505487134069],
    [0.5, 1, 0.47950012218695337],
    [40.0, 12, 7.190884052842894e-5],
    [100.0, 60, 0.0009168288614560842],
  ];
  for (const [x, k, p] of scipy) expect(chiSquareSurvival(x, k)).toBeCloseTo(p, 12);
});

it("pools bins with an expected count below 5", () => {
  const t = chiSquareTest([50, 48, 1, 1], [0.5, 0.48, 0.01, 0.01]);
  expect(t.bins).toBe(2);
  expect(t.statistic).toBeCloseTo(0, 12);
});
