/**
 * Every string the demo shows, in English and Japanese. The page never inserts any of them (or
 * anything from the URL or the fields) as HTML: they go through `textContent` only.
 * Placeholders are written `{name}` and filled by {@link t}.
 */

export type Language = "en" | "ja";

export const LANGUAGES: readonly Language[] = ["en", "ja"];

const en = {
  pageTitle: "gibbs-softmax demo: softmax is the Gibbs distribution",
  title: "Softmax is the Gibbs distribution",
  intro:
    "Softmax, the activation function that turns a vector of logits z into probabilities pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ), is letter for letter the Boltzmann–Gibbs distribution of statistical physics, pᵢ = exp(−Eᵢ/T) / Z, once you read each logit as minus an energy (Eᵢ = −zᵢ) and the softmax temperature τ as the temperature T (with kB = 1). The normaliser of softmax is the partition function Z. Change the numbers or the temperature and watch the two sides stay identical.",
  language: "Language",
  projector: "Projector mode (large text)",
  inputHeading: "Input",
  preset: "Preset",
  presetSeed: "Seed example: softmax of [1, 2, 3, 4, 1, 2, 3]",
  presetLlm: "Language model: the next token after “The cat sat on the …”",
  presetTwoLevel: "Two-level system (Schottky peak in C)",
  presetHarmonic: "Harmonic oscillator (100 levels, exact curves overlaid)",
  presetDegenerate: "Degenerate levels (g = 1, 3, 5, 7)",
  presetInversion: "Three levels: population inversion at T < 0",
  presetRandom: "Large random vector (100 000 logits)",
  presetCustom: "Custom (your own numbers)",
  aboutSeed:
    "The example of the lecture “Activator and SoftMax”: NumPy computes np.exp(a) / np.sum(np.exp(a)) for a = [1, 2, 3, 4, 1, 2, 3] and gets [0.0236, 0.0643, 0.1747, 0.4748, …]. Read as physics, these are seven states with energies −1, −2, −3, −4, −1, −2, −3 at T = 1; equal logits are one degenerate level (g = 2), and the largest logit is the ground state.",
  aboutLlm:
    "A language model emits one logit per token in its vocabulary, and the next token is drawn from softmax(z/τ). Lower the temperature and the model becomes greedy (T → 0 picks “mat” every time); raise it and unlikely words like “moon” get a real chance. Try the sampling panel with top-k, top-p or min-p.",
  aboutTwoLevel:
    "Two levels, 0 and Δ = 1. At low T the system is frozen in the ground state; at high T both levels are equally occupied. In between, the heat capacity C = (Δ/T)²·e^(Δ/T)/(1 + e^(Δ/T))² has a peak, the Schottky anomaly: C_max ≈ 0.439 at T ≈ 0.417. Play the sweep to watch the marker pass over it.",
  aboutHarmonic:
    "A quantum harmonic oscillator has levels Eₙ = n + ½ (ħω = 1), n = 0, 1, 2, … Here the ladder is cut at 100 levels. The dashed curves are the exact, untruncated results: Z = 1/(2 sinh(β/2)), U = ½ coth(β/2), C = (β/2)²/sinh²(β/2). They agree until kB·T approaches the top of the ladder (T ≳ 10), where the truncated system runs out of levels and its C falls back to 0, while the exact C tends to kB (equipartition).",
  aboutDegenerate:
    "Four levels E = 0, 1, 2, 3 with degeneracies g = 1, 3, 5, 7, like the multiplets of an angular momentum. A degenerate level is g states with the same energy: on the softmax side it is g classes with equal logits. At low T only the ground state is occupied; at high T the crowded upper levels win, because a level's weight is g·e^(−E/T). The entropy climbs from ln 1 = 0 to ln 16.",
  aboutInversion:
    "Three levels 0, 1, 2 at T = −1. With a negative temperature the upper levels are more populated than the lower ones: a population inversion, as in a laser medium or a nuclear-spin system (Purcell and Pound, 1951). A negative temperature is hotter than any positive one: β = 1/T runs from +∞ through 0 (T = ±∞) to −∞. On the softmax side, τ < 0 simply reverses the preference order.",
  aboutRandom:
    "100 000 logits drawn from a normal distribution (seeded, so everyone gets the same vector). The timings below show the cost: each softmax is 100 000 exponentials, and the curves of F, U, S and C need one full pass per temperature. The lecture notes that softmax in large language models is costly for exactly this reason.",
  aboutCustom:
    "Your own numbers. Edit the logits (or the energies) and the temperature; the link in the address bar reproduces this view.",
  editAs: "Edit as",
  modeLogits: "Logits z (machine learning)",
  modeEnergies: "Energies E (physics)",
  logits: "Logits",
  logitsHint:
    "Numbers separated by commas or spaces. −inf masks a class (probability 0). Entries are numbered from 0, as in the plots.",
  energies: "Energies",
  energiesHint: "Energy levels, separated by commas or spaces. +inf makes a level inaccessible.",
  degeneracies: "Degeneracies (optional)",
  degeneraciesHint: "How many states share each level (whole numbers ≥ 0). Leave empty for 1 each.",
  derivedEnergies: "Energies E = −z",
  derivedLogits: "Logits z = −E (one per state)",
  moreValues: "… ({count} values in all)",
  temperatureHeading: "Temperature",
  temperature: "Temperature",
  temperatureHint:
    "A number, 0, ∞ (or inf), or a negative number. The softmax temperature τ is the physical temperature T (kB = 1).",
  temperatureSlider: "Temperature slider (log scale, 0.01 to 100)",
  setZero: "T = 0",
  setInfinity: "T = ∞",
  negative: "Negative temperature (T < 0)",
  play: "▶ Play sweep",
  pause: "❚❚ Pause",
  playHint: "The sweep runs T from 0.01 to 100 on a log scale.",
  betaNote: "β = 1/T = {beta}",
  softmaxHeading: "Machine learning: softmax(z/τ)",
  softmaxCaption: "One bar per class (token): the probability pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ).",
  gibbsHeading: "Physics: the Gibbs distribution",
  gibbsCaption:
    "Energy levels at their energies E (ground state at the bottom); the bar on each level is its occupation gₖ·exp(−Eₖ/T) / Z.",
  overlayHeading: "Both on shared axes",
  overlayCaption:
    "Bars: softmax(z/τ). Diamonds: the Gibbs occupation of each state, gibbs(E, T) with E = −z and T = τ. They coincide.",
  maxDiff: "Largest difference over the states, max |softmax − Gibbs|",
  maxDiffLevels: "Per level, max |Σ softmax over the level's g states − Gibbs(E, g)|",
  maxDiffLevelsNote:
    "A level of degeneracy g is g softmax classes with equal logits, so their summed probability is the level's Gibbs occupation g·e^(−E/T)/Z. The two are computed differently (a sum of g terms against one term times g): what differs is rounding in the last bits.",
  exactly: "(exactly equal)",
  thermoHeading: "Thermodynamics at the current temperature",
  thermoCaption:
    "Every quantity follows from the partition function; the formulas below carry the current numbers.",
  qZ: "Partition function Z",
  qLogZ: "Log partition function ln Z",
  qF: "Free energy F",
  qU: "Internal energy U",
  qS: "Entropy S",
  qC: "Heat capacity C",
  qBeta: "Inverse temperature β",
  nats: "nats",
  bits: "bits",
  maxEntropy: "maximum ln N",
  limitZero: "limit T → 0: the ground level",
  limitInfinity: "limit T → ∞: uniform over the states",
  curvesHeading: "F, U, S and C against temperature",
  curvesCaption:
    "Log temperature axis from 0.01 to 100; the marker is the current temperature. The dotted line in the entropy panel is its maximum ln N.",
  curvesNegative:
    "T < 0: the dashed curves are the negative branch, plotted against |T|; the marker sits on them.",
  curvesOffAxis:
    "The current temperature ({t}) is outside the plotted range, so no marker is shown.",
  exactCurve: "exact (untruncated)",
  truncatedCurve: "100 levels",
  negativeBranch: "T < 0 branch",
  current: "current T",
  axisIndex: "class / token",
  axisState: "state i",
  axisProbability: "probability",
  axisEnergy: "energy E",
  axisOccupation: "occupation of the level",
  axisTemperature: "temperature T",
  axisAbsTemperature: "|T|",
  axisFrequency: "frequency",
  traceSoftmax: "softmax(z/τ)",
  traceGibbs: "Gibbs(E = −z, T = τ)",
  traceLevels: "levels",
  traceSamples: "samples (frequency)",
  traceTarget: "distribution after filters",
  samplingHeading: "Sampling",
  samplingCaption:
    "Draw tokens (microstates) from softmax(z/τ) after the filters, with a seeded random generator: the library's samplingDistribution() gives the filtered distribution once, and each draw walks its cumulative sum to the random number, the rule (and the draws) of the library's sample(), found by bisection so that a million draws from 200 000 logits take a moment. As N grows the histogram converges to the distribution.",
  sampleCount: "Samples N",
  seed: "Seed",
  topK: "top-k (optional)",
  topP: "top-p (optional)",
  minP: "min-p (optional)",
  draw: "Draw N samples",
  resetSamples: "Reset",
  drawn: "Drawn: {count}",
  tvDistance: "Total variation distance to the distribution: {value}",
  samplingBusy: "Drawing… {count} of {total}",
  timingHeading: "Computing time",
  timingUpdate:
    "Last update for n = {n} states: {total} ms in all (softmax {softmax} ms, Gibbs {gibbs} ms, thermodynamics {thermo} ms, drawing {count} plots {plots} ms).",
  timingData:
    "When the numbers changed: parsing {parse} ms, merging into {levels} levels {merge} ms, the curves ({points} temperatures × {levels} levels = {work} exponentials) {sweep} ms.",
  timingCost:
    "Cost: one softmax of n values takes n exponentials and three passes over the vector.",
  kernelWasm:
    "The exponentials run on the WebAssembly SIMD kernel: the same results as the JavaScript path, to the last bit, several times faster.",
  kernelJs:
    "The exponentials run on the JavaScript path (WebAssembly SIMD is unavailable here, or still loading).",
  keptLast: "The plots keep the last valid input.",
  errEmpty: "Enter at least one number.",
  errNotNumber: "Entry {index}, “{token}”, is not a number.",
  errNaN: "Entry {index} is NaN (not a number).",
  errPlusInfLogit:
    "Entry {index} is +∞: a logit of +∞ would take all the probability, so the distribution is not defined. (−∞ is allowed: it masks a class.)",
  errMinusInfEnergy:
    "Entry {index} is −∞: an energy of −∞ has no Gibbs distribution. (+∞ is allowed: the level is inaccessible.)",
  errTooMany: "{count} values is too many: the demo accepts at most {max}.",
  errAllMasked: "Every entry is masked (logit −∞ or energy +∞): there is nothing to normalise.",
  errLength:
    "Degeneracies: {got} given, {want} needed (one per energy level), or leave the field empty.",
  errNoStates:
    "Every level has degeneracy 0 (or energy +∞): there are no states left to normalise.",
  errEmptyEntry:
    "Entry {index} is empty: there is nothing between two separators (at character {column}).",
  errTrailingSeparator:
    "The list ends with a separator, so entry {index} is missing: remove the last comma or add a number.",
  errOverflow:
    "Entry {index}, “{token}”, is too large for a double (beyond ±1.8 × 10³⁰⁸) and would become ±∞: type inf or ∞ if you mean infinity.",
  errTemperatureOverflow:
    "“{token}” is too large for a double (beyond 1.8 × 10³⁰⁸): type ∞ or inf for an infinite temperature.",
  errDegeneracy: "Degeneracy {index}, “{token}”, must be a whole number ≥ 0 (it counts states).",
  errTooManyStates: "The degeneracies add up to {count} states; the demo accepts at most {max}.",
  errTemperature:
    "“{token}” is not a temperature: enter a number, 0, ∞ (inf) or a negative number.",
  errTemperatureEmpty: "Enter a temperature.",
  errSampleCount: "The number of samples must be a whole number from 1 to {max}.",
  errSeed: "The seed must be a whole number.",
  errTopK: "top-k must be a whole number ≥ 1, or empty.",
  errTopP: "top-p must be a number in (0, 1], or empty.",
  errMinP: "min-p must be a number in [0, 1], or empty.",
  errLibrary: "The library refused this input: {message}",
  errUrl: "The link had a value that could not be used ({name}); the default is shown instead.",
  errUrlLanguage:
    "The link asks for the language “{value}”, which the demo does not have (en, ja): it is shown in English instead.",
  errUrlMode: "The link's mode “{value}” is neither “logits” nor “energies”, so it was ignored.",
  errUrlField: "The link's value for {name} could not be used: see the message beside that field.",
  linkTooLong: "This vector is too long for the link; the address keeps the preset only.",
  footer:
    "gibbs-softmax: the library computes every number here; the page imports it exactly as a user would.",
  footerTheory: "The theory: docs/theory.md",
  negativeAtZero:
    "At T = 0 the sign changes nothing here: the library reads T = −0 as the limit T → 0⁺ (the ground states). The limit T → 0⁻ would put every state in the top level; approach it with small negative temperatures such as −0.01. The slider now moves on the negative side.",
  negativeAtInfinity:
    "T = −∞ is the same as T = +∞ (β = 0: every state equally likely), so nothing changes; the slider now moves on the negative side.",
  levelsAbove: "⋮ {count} more above",
  levelsBelow: "⋮ {count} more below",
  mcHeading: "When Z cannot be summed: Monte Carlo",
  mcCaption:
    "A two-dimensional Ising lattice: L × L spins sᵢ = ±1 on a torus, energy E = −J·Σ sᵢsⱼ over neighbouring pairs (J = 1, no field), at the page's temperature T in units of J/kB. Its Z is a sum over 2^(L²) states, which nobody can do, so the computer samples the Gibbs distribution instead, one spin or one cluster at a time, exactly as a language model samples its next token from softmax. Onsager's phase transition is at T_c = 2/ln(1 + √2) ≈ 2.269.",
  mcSize: "Lattice side L (4 to 256)",
  mcAlgorithm: "Update rule",
  algMetropolis: "Metropolis",
  algHeatBath: "Heat bath (a two-state softmax)",
  algWolff: "Wolff cluster",
  mcSpeed: "Sweeps per frame",
  mcRun: "▶ Run",
  mcPause: "❚❚ Pause",
  mcReset: "New random lattice",
  mcCanvas: "The lattice: dark squares are spins up (+1), light ones spins down (−1)",
  mcStats:
    "{fps} frames/s · {sweeps} sweeps/s · {updates} spin updates/s, measured in the worker · {total} sweeps so far",
  mcStates:
    "The {L} × {L} lattice has 2{N} = {count} states. The language-model preset has {vocab} tokens (a real vocabulary about 10⁵): a sum of {vocab}, or of 10⁵, terms is cheap; a sum of {count} terms is impossible, so the Gibbs distribution is sampled instead.",
  mcStatesSmall:
    "The {L} × {L} lattice has 2{N} = {count} states: still few enough to sum (the histogram below does), but every spin added doubles the count, and the 16 × 16 lattice has 2²⁵⁶ ≈ 1.16 × 10⁷⁷. The language-model preset has {vocab} tokens (a real vocabulary about 10⁵).",
  mcHeatBath:
    "The heat-bath rule is a two-state softmax. Spin i feels the local field hᵢ = J·Σ (its four neighbours) and is redrawn as +1 with probability softmax([hᵢ, −hᵢ]/T)₊ = σ(2hᵢ/T), computed here by the library's softmax at T = {t}:",
  mcTableSum: "Σ neighbours",
  mcTableLogits: "logits (hᵢ, −hᵢ)",
  mcTableUp: "P(sᵢ = +1)",
  mcNeedsTemperature:
    "The lattice samples at 0 < T < ∞ only, so at T = {t} it waits. Set a temperature such as 2.269 (T_c).",
  mcTraces: "Energy and |magnetisation| per spin, sweep by sweep",
  axisSweep: "sweep",
  axisPerSpin: "per spin",
  traceEnergy: "E/N",
  traceMagnetization: "|M|/N",
  mcHistogramNote:
    "L = 4 has 2¹⁶ = 65 536 states, few enough to count: the bars are the energies the chain visits, the markers the exact Gibbs distribution P(E) = g(E)·e^(−E/T)/Z. Sampled: {count} sweeps; total variation distance {tv}.",
  mcHistogramOff:
    "Choose L = 4 to see the sampled energies converge on the exact Gibbs distribution (2¹⁶ states can still be summed).",
  axisEnergyTotal: "energy E (units of J)",
  traceSampledEnergy: "sampled",
  traceExactEnergy: "exact Gibbs P(E)",
  mcSweep: "Sweep T from 1 to 4",
  mcSweepStop: "Stop the sweep",
  mcSweepStatus:
    "Sweep: {done} of {total} temperatures, {settle} sweeps to settle and {measure} measured at each (for Wolff, clusters worth as many spins).",
  mcSweepDone: "Sweep done: {total} temperatures.",
  mcSweepStopped: "Sweep stopped after {done} of {total} temperatures.",
  traceSweepM: "sampled ⟨|M|⟩/N",
  traceSweepC: "sampled C/N",
  traceOnsager: "|M|/N, infinite lattice (Onsager–Yang)",
  traceKaufman: "C/N, exact for this L (Kaufman)",
  axisTemperatureJ: "temperature T (J/kB)",
  errSize: "L must be a whole number from {min} to {max}.",
  tokenMat: "mat",
  tokenFloor: "floor",
  tokenSofa: "sofa",
  tokenBed: "bed",
  tokenChair: "chair",
  tokenRoof: "roof",
  tokenTable: "table",
  tokenRug: "rug",
  tokenWindowsill: "windowsill",
  tokenGrass: "grass",
  tokenKeyboard: "keyboard",
  tokenMoon: "moon",
} as const;

/** The key of a translated string. */
export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  pageTitle: "gibbs-softmax デモ：ソフトマックスはギブス分布である",
  title: "ソフトマックスはギブス分布である",
  intro:
    "ロジットのベクトル z を確率 pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ) に変える活性化関数ソフトマックスは、各ロジットを符号を反転したエネルギー（Eᵢ = −zᵢ）と、ソフトマックスの温度 τ を物理の温度 T（kB = 1）と読み替えれば、統計力学のボルツマン・ギブス分布 pᵢ = exp(−Eᵢ/T) / Z と一字一句同じ式になります。ソフトマックスの分母は分配関数 Z そのものです。数値や温度を変えて、二つが常に一致することを確かめてください。",
  language: "言語",
  projector: "プロジェクター表示（大きな文字）",
  inputHeading: "入力",
  preset: "プリセット",
  presetSeed: "講義の例：[1, 2, 3, 4, 1, 2, 3] のソフトマックス",
  presetLlm: "言語モデル：「猫が座ったのは…の上」の次のトークン",
  presetTwoLevel: "二準位系（比熱のショットキー・ピーク）",
  presetHarmonic: "調和振動子（100 準位で打ち切り、厳密な曲線を重ねて表示）",
  presetDegenerate: "縮退した準位（g = 1, 3, 5, 7）",
  presetInversion: "三準位系：負の温度での反転分布",
  presetRandom: "大きなランダムベクトル（ロジット 10 万個）",
  presetCustom: "カスタム（自分で入力した値）",
  aboutSeed:
    "講義「ActivatorとSoftMax」の例です。NumPy で a = [1, 2, 3, 4, 1, 2, 3] について np.exp(a) / np.sum(np.exp(a)) を計算すると [0.0236, 0.0643, 0.1747, 0.4748, …] になります。物理として読むと、エネルギーが −1, −2, −3, −4, −1, −2, −3 の七つの状態の T = 1 での分布です。等しいロジットは縮退した一つの準位（g = 2）で、最大のロジットが基底状態です。",
  aboutLlm:
    "言語モデルは語彙のトークンごとに一つのロジットを出力し、次のトークンは softmax(z/τ) から選ばれます。温度を下げるとモデルは貪欲になり（T → 0 では毎回「マット」を選びます）、上げると「月」のようなありそうもない語にも出番が回ってきます。サンプリング欄で top-k、top-p、min-p も試してください。",
  aboutTwoLevel:
    "エネルギー 0 と Δ = 1 の二つの準位です。低温では系は基底状態に凍りつき、高温では二つの準位が同じだけ占有されます。その中間で比熱 C = (Δ/T)²·e^(Δ/T)/(1 + e^(Δ/T))² はピークを持ちます。これがショットキー異常で、T ≈ 0.417 で C_max ≈ 0.439 です。温度を掃引して、マーカーがピークを通り過ぎる様子を見てください。",
  aboutHarmonic:
    "量子調和振動子の準位は Eₙ = n + ½（ħω = 1）、n = 0, 1, 2, … です。ここでは 100 準位で打ち切っています。破線は打ち切りのない厳密解 Z = 1/(2 sinh(β/2))、U = ½ coth(β/2)、C = (β/2)²/sinh²(β/2) です。kB·T が準位の上端に近づく（T ≳ 10）までは一致しますが、そこから先は打ち切った系の準位が足りなくなり、比熱は 0 に戻ります。一方、厳密な比熱は kB（エネルギー等分配）に近づきます。",
  aboutDegenerate:
    "エネルギー E = 0, 1, 2, 3 の四つの準位で、縮退度は角運動量の多重項のように g = 1, 3, 5, 7 です。縮退した準位とは、同じエネルギーを持つ g 個の状態のことで、ソフトマックスの側では等しいロジットを持つ g 個のクラスにあたります。低温では基底状態だけが占有されますが、高温では状態の多い上の準位が勝ちます。準位の重みが g·e^(−E/T) だからです。エントロピーは ln 1 = 0 から ln 16 まで増えます。",
  aboutInversion:
    "エネルギー 0, 1, 2 の三つの準位を T = −1 で見ています。温度が負だと、上の準位ほど多く占有されます。これが反転分布で、レーザー媒質や核スピン系（Purcell と Pound, 1951）で実現します。負の温度はどんな正の温度よりも「熱い」のです。β = 1/T は +∞ から 0（T = ±∞）を通って −∞ へと動きます。ソフトマックスの側では、τ < 0 は単に好みの順序を逆にします。",
  aboutRandom:
    "正規分布から引いた 10 万個のロジットです（乱数のシードを固定しているので、誰が開いても同じベクトルになります）。下の計算時間がコストを示します。ソフトマックス一回で指数関数を 10 万回計算し、F, U, S, C の曲線には温度ごとに全体を一巡する計算が必要です。講義でも、大規模言語モデルのソフトマックスの計算量が膨大になるのはこのためだと述べています。",
  aboutCustom:
    "自分で入力した値です。ロジット（またはエネルギー）と温度を編集してください。アドレスバーのリンクを開けば、この表示が再現されます。",
  editAs: "入力の種類",
  modeLogits: "ロジット z（機械学習）",
  modeEnergies: "エネルギー E（物理）",
  logits: "ロジット",
  logitsHint:
    "カンマまたは空白で区切った数値。−inf はそのクラスをマスクします（確率 0）。番号はグラフと同じく 0 から数えます。",
  energies: "エネルギー",
  energiesHint: "カンマまたは空白で区切ったエネルギー準位。+inf はその準位を到達不能にします。",
  degeneracies: "縮退度（省略可）",
  degeneraciesHint: "各準位に属する状態の数（0 以上の整数）。空欄ならすべて 1 です。",
  derivedEnergies: "エネルギー E = −z",
  derivedLogits: "ロジット z = −E（状態ごと）",
  moreValues: "…（全部で {count} 個）",
  temperatureHeading: "温度",
  temperature: "温度",
  temperatureHint:
    "数値、0、∞（inf）、または負の数を入力します。ソフトマックスの温度 τ は物理の温度 T です（kB = 1）。",
  temperatureSlider: "温度スライダー（対数目盛、0.01〜100）",
  setZero: "T = 0",
  setInfinity: "T = ∞",
  negative: "負の温度（T < 0）",
  play: "▶ 温度を掃引",
  pause: "❚❚ 一時停止",
  playHint: "掃引では T を 0.01 から 100 まで対数目盛で動かします。",
  betaNote: "β = 1/T = {beta}",
  softmaxHeading: "機械学習：softmax(z/τ)",
  softmaxCaption: "クラス（トークン）ごとの棒が確率 pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ) です。",
  gibbsHeading: "物理：ギブス分布",
  gibbsCaption:
    "エネルギー準位をそのエネルギー E の高さに描きます（基底状態が一番下）。各準位の棒はその占有確率 gₖ·exp(−Eₖ/T) / Z です。",
  overlayHeading: "同じ軸に重ねる",
  overlayCaption:
    "棒は softmax(z/τ)、ひし形は各状態のギブス分布 gibbs(E, T)（E = −z、T = τ）です。両者は重なります。",
  maxDiff: "状態ごとの最大の差 max |ソフトマックス − ギブス|",
  maxDiffLevels:
    "準位ごとの最大の差 max |準位の g 個の状態についてのソフトマックスの和 − ギブス分布(E, g)|",
  maxDiffLevelsNote:
    "縮退度 g の準位は、等しいロジットを持つ g 個のソフトマックスのクラスにあたるので、その確率の和が準位のギブス分布の占有確率 g·e^(−E/T)/Z になります。二つは計算の仕方が違う（g 個の項の和と、一つの項の g 倍）ため、差は最後の数ビットの丸め誤差だけです。",
  exactly: "（完全に一致）",
  thermoHeading: "現在の温度での熱力学量",
  thermoCaption: "どの量も分配関数から導かれます。下の式には現在の数値を代入してあります。",
  qZ: "分配関数 Z",
  qLogZ: "分配関数の対数 ln Z",
  qF: "自由エネルギー F",
  qU: "内部エネルギー U",
  qS: "エントロピー S",
  qC: "比熱 C",
  qBeta: "逆温度 β",
  nats: "ナット",
  bits: "ビット",
  maxEntropy: "最大値 ln N",
  limitZero: "T → 0 の極限：基底準位",
  limitInfinity: "T → ∞ の極限：全状態に一様",
  curvesHeading: "温度に対する F, U, S, C",
  curvesCaption:
    "温度の軸は 0.01 から 100 までの対数目盛で、マーカーが現在の温度です。エントロピーの図の点線はその最大値 ln N です。",
  curvesNegative:
    "T < 0：破線は負の温度の枝を |T| に対して描いたもので、マーカーはその上にあります。",
  curvesOffAxis: "現在の温度（{t}）は描画範囲の外にあるため、マーカーは表示していません。",
  exactCurve: "厳密解（打ち切りなし）",
  truncatedCurve: "100 準位",
  negativeBranch: "T < 0 の枝",
  current: "現在の T",
  axisIndex: "クラス・トークン",
  axisState: "状態 i",
  axisProbability: "確率",
  axisEnergy: "エネルギー E",
  axisOccupation: "準位の占有確率",
  axisTemperature: "温度 T",
  axisAbsTemperature: "|T|",
  axisFrequency: "頻度",
  traceSoftmax: "softmax(z/τ)",
  traceGibbs: "ギブス分布（E = −z、T = τ）",
  traceLevels: "準位",
  traceSamples: "サンプル（頻度）",
  traceTarget: "フィルター後の分布",
  samplingHeading: "サンプリング",
  samplingCaption:
    "シード付き乱数で、フィルター後の softmax(z/τ) からトークン（微視的状態）を引きます。フィルター後の分布はライブラリの samplingDistribution() で一度だけ求め、一回ごとの抽出ではその累積和を乱数までたどります。これはライブラリの sample() と同じ規則で、同じ結果になります。累積和を二分探索するので、ロジット 20 万個から 100 万回引いてもすぐに終わります。N が増えるにつれ、ヒストグラムは分布に収束します。",
  sampleCount: "サンプル数 N",
  seed: "乱数シード",
  topK: "top-k（省略可）",
  topP: "top-p（省略可）",
  minP: "min-p（省略可）",
  draw: "N 個のサンプルを引く",
  resetSamples: "リセット",
  drawn: "引いた数：{count}",
  tvDistance: "分布との全変動距離：{value}",
  samplingBusy: "抽出中… {total} 個中 {count} 個",
  timingHeading: "計算時間",
  timingUpdate:
    "状態数 n = {n} での直近の更新：合計 {total} ms（ソフトマックス {softmax} ms、ギブス分布 {gibbs} ms、熱力学量 {thermo} ms、グラフ {count} 枚の描画 {plots} ms）。",
  timingData:
    "数値を変えたとき：読み取り {parse} ms、{levels} 個の準位へのまとめ {merge} ms、曲線（温度 {points} 点 × 準位 {levels} 個 = 指数関数 {work} 回）{sweep} ms。",
  timingCost:
    "コスト：n 個の値のソフトマックス一回には、指数関数 n 回とベクトル全体を三巡する計算が必要です。",
  kernelWasm:
    "指数関数は WebAssembly SIMD カーネルで計算しています。JavaScript の経路と最後の 1 ビットまで同じ結果で、数倍速く計算します。",
  kernelJs:
    "指数関数は JavaScript の経路で計算しています（ここでは WebAssembly SIMD が使えないか、まだ読み込み中です）。",
  keptLast: "グラフは最後の正しい入力のままです。",
  errEmpty: "数値を一つ以上入力してください。",
  errNotNumber: "番号 {index} の「{token}」は数値ではありません。",
  errNaN: "番号 {index} の値が NaN（非数）です。",
  errPlusInfLogit:
    "番号 {index} の値が +∞ です。ロジット +∞ は確率をすべて奪うので、分布が定義できません（−∞ は使えます。そのクラスをマスクします）。",
  errMinusInfEnergy:
    "番号 {index} の値が −∞ です。エネルギー −∞ にはギブス分布がありません（+∞ は使えます。その準位は到達不能になります）。",
  errTooMany: "値が {count} 個あり、多すぎます。このデモで扱えるのは {max} 個までです。",
  errAllMasked:
    "すべての値がマスクされています（ロジット −∞ またはエネルギー +∞）。規格化するものがありません。",
  errLength:
    "縮退度が {got} 個ありますが、{want} 個必要です（エネルギー準位ごとに一つ）。または空欄にしてください。",
  errNoStates:
    "すべての準位の縮退度が 0（またはエネルギーが +∞）なので、規格化する状態が残っていません。",
  errEmptyEntry:
    "番号 {index} が空です。区切り記号が続いていて間に値がありません（{column} 文字目）。",
  errTrailingSeparator:
    "リストが区切り記号で終わっているため、番号 {index} の値がありません。最後のカンマを消すか、数値を追加してください。",
  errOverflow:
    "番号 {index} の「{token}」は倍精度浮動小数点数の範囲（±1.8 × 10³⁰⁸）を超えており、±∞ になってしまいます。無限大のつもりなら inf または ∞ と入力してください。",
  errTemperatureOverflow:
    "「{token}」は倍精度浮動小数点数の範囲（1.8 × 10³⁰⁸）を超えています。無限大の温度なら ∞ または inf と入力してください。",
  errDegeneracy:
    "番号 {index} の縮退度「{token}」は 0 以上の整数でなければなりません（状態の数です）。",
  errTooManyStates:
    "縮退度の合計が {count} 状態になります。このデモで扱えるのは {max} 状態までです。",
  errTemperature:
    "「{token}」は温度として使えません。数値、0、∞（inf）、または負の数を入力してください。",
  errTemperatureEmpty: "温度を入力してください。",
  errSampleCount: "サンプル数は 1 から {max} までの整数にしてください。",
  errSeed: "乱数シードは整数にしてください。",
  errTopK: "top-k は 1 以上の整数にするか、空欄にしてください。",
  errTopP: "top-p は 0 より大きく 1 以下の数にするか、空欄にしてください。",
  errMinP: "min-p は 0 以上 1 以下の数にするか、空欄にしてください。",
  errLibrary: "ライブラリがこの入力を受け付けませんでした：{message}",
  errUrl: "リンクに使えない値がありました（{name}）。代わりに既定の内容を表示しています。",
  errUrlLanguage:
    "リンクで指定された言語「{value}」はこのデモにありません（en、ja）。代わりに英語で表示しています。",
  errUrlMode:
    "リンクの入力の種類「{value}」は「logits」でも「energies」でもないため、無視しました。",
  errUrlField: "リンクの {name} の値は使えませんでした。その入力欄の横のメッセージを見てください。",
  linkTooLong:
    "このベクトルはリンクに入れるには長すぎるため、アドレスにはプリセットだけを残しています。",
  footer:
    "gibbs-softmax：ここに表示される数値はすべてライブラリが計算しています。このページは利用者と同じ方法でライブラリを読み込んでいます。",
  footerTheory: "理論の解説：docs/theory.ja.md",
  negativeAtZero:
    "T = 0 では符号を変えても何も変わりません。ライブラリは T = −0 を極限 T → 0⁺（基底状態）として扱います。極限 T → 0⁻ ではすべての状態が最上位の準位に入ります。−0.01 のような小さな負の温度で近づいてみてください。スライダーは負の側を動くようになりました。",
  negativeAtInfinity:
    "T = −∞ は T = +∞ と同じ（β = 0：すべての状態が等確率）なので、何も変わりません。スライダーは負の側を動くようになりました。",
  levelsAbove: "⋮ ほかに上に {count} 準位",
  levelsBelow: "⋮ ほかに下に {count} 準位",
  mcHeading: "Z が計算できないとき：モンテカルロ法",
  mcCaption:
    "二次元イジング模型の格子です。トーラス上の L × L 個のスピン sᵢ = ±1 からなり、エネルギーは隣り合う組についての和 E = −J·Σ sᵢsⱼ（J = 1、外場なし）です。温度はこのページの温度 T（単位 J/kB）です。この系の分配関数 Z は 2^(L²) 個の状態についての和で、誰にも計算できません。そこでコンピューターは、言語モデルがソフトマックスから次のトークンを引くのとまったく同じように、スピン一つずつ（またはクラスター一つずつ）ギブス分布からサンプリングします。オンサーガーの相転移は T_c = 2/ln(1 + √2) ≈ 2.269 にあります。",
  mcSize: "格子の一辺 L（4〜256）",
  mcAlgorithm: "更新法",
  algMetropolis: "メトロポリス法",
  algHeatBath: "熱浴法（二状態のソフトマックス）",
  algWolff: "ウォルフのクラスター法",
  mcSpeed: "1 フレームあたりのスイープ数",
  mcRun: "▶ 実行",
  mcPause: "❚❚ 一時停止",
  mcReset: "新しいランダムな格子",
  mcCanvas: "格子：濃い四角が上向きスピン（+1）、薄い四角が下向きスピン（−1）です",
  mcStats:
    "{fps} フレーム/秒 · {sweeps} スイープ/秒 · スピン更新 {updates} 回/秒（ワーカー内で計測）· これまでに {total} スイープ",
  mcStates:
    "{L} × {L} の格子には 2{N} = {count} 個の状態があります。言語モデルのプリセットのトークンは {vocab} 個です（実際の語彙は約 10⁵ 個）。{vocab} 項や 10⁵ 項の和なら簡単ですが、{count} 項の和は不可能です。そこでギブス分布からサンプリングします。",
  mcStatesSmall:
    "{L} × {L} の格子には 2{N} = {count} 個の状態があります。まだ和を計算できる数です（下のヒストグラムで計算しています）が、スピンが一つ増えるごとに状態の数は倍になり、16 × 16 の格子では 2²⁵⁶ ≈ 1.16 × 10⁷⁷ 個になります。言語モデルのプリセットのトークンは {vocab} 個です（実際の語彙は約 10⁵ 個）。",
  mcHeatBath:
    "熱浴法の規則は二状態のソフトマックスです。スピン i は局所場 hᵢ = J·Σ（隣の四つのスピン）を感じ、確率 softmax([hᵢ, −hᵢ]/T)₊ = σ(2hᵢ/T) で +1 に引き直されます。下の値は T = {t} でライブラリのソフトマックスが計算したものです：",
  mcTableSum: "隣のスピンの和 Σ",
  mcTableLogits: "ロジット (hᵢ, −hᵢ)",
  mcTableUp: "P(sᵢ = +1)",
  mcNeedsTemperature:
    "格子のサンプリングは 0 < T < ∞ でしか行えないため、T = {t} では停止しています。2.269（T_c）のような温度を設定してください。",
  mcTraces: "スピン一つあたりのエネルギーと磁化の絶対値（スイープごと）",
  axisSweep: "スイープ",
  axisPerSpin: "スピン一つあたり",
  traceEnergy: "E/N",
  traceMagnetization: "|M|/N",
  mcHistogramNote:
    "L = 4 の状態は 2¹⁶ = 65 536 個で、数え上げられます。棒はマルコフ連鎖が訪れたエネルギー、マーカーは厳密なギブス分布 P(E) = g(E)·e^(−E/T)/Z です。サンプル数：{count} スイープ、全変動距離 {tv}。",
  mcHistogramOff:
    "L = 4 にすると、サンプリングしたエネルギーが厳密なギブス分布に収束する様子が見られます（2¹⁶ 個の状態ならまだ和を計算できます）。",
  axisEnergyTotal: "エネルギー E（単位 J）",
  traceSampledEnergy: "サンプル",
  traceExactEnergy: "厳密なギブス分布 P(E)",
  mcSweep: "T を 1 から 4 まで掃引",
  mcSweepStop: "掃引を止める",
  mcSweepStatus:
    "掃引中：{total} 点中 {done} 点。各温度で平衡化に {settle} スイープ、測定に {measure} スイープ（ウォルフ法では同じ数のスピンに相当するクラスター数）。",
  mcSweepDone: "掃引完了：{total} 点の温度。",
  mcSweepStopped: "{total} 点中 {done} 点で掃引を止めました。",
  traceSweepM: "サンプルの ⟨|M|⟩/N",
  traceSweepC: "サンプルの C/N",
  traceOnsager: "|M|/N、無限格子（オンサーガー・ヤン）",
  traceKaufman: "C/N、この L の厳密解（カウフマン）",
  axisTemperatureJ: "温度 T（J/kB）",
  errSize: "L は {min} から {max} までの整数にしてください。",
  tokenMat: "マット",
  tokenFloor: "床",
  tokenSofa: "ソファ",
  tokenBed: "ベッド",
  tokenChair: "椅子",
  tokenRoof: "屋根",
  tokenTable: "テーブル",
  tokenRug: "ラグ",
  tokenWindowsill: "窓辺",
  tokenGrass: "芝生",
  tokenKeyboard: "キーボード",
  tokenMoon: "月",
};

const dictionaries: Record<Language, Record<MessageKey, string>> = { en, ja };

/** Parameters substituted into a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The message `key` in `language`, with `{name}` placeholders filled from `params`. */
export function t(language: Language, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[language][key];
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** True when `value` names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "ja";
}

/** Every key, for tests that check both dictionaries are complete. */
export function messageKeys(): MessageKey[] {
  return Object.keys(en) as MessageKey[];
}
