/** Numbers as the readouts show them: Unicode minus, ∞, and powers of ten as superscripts. */

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** An integer in superscript digits: 16 → ¹⁶. */
export function superscript(n: number): string {
  return Array.from(String(n), (c) => SUPERSCRIPT[c] ?? c).join("");
}

/** `x` to `digits` significant digits: "0.47483", "−4.7448", "1.2346 × 10⁻⁵", "∞". */
export function fmt(x: number, digits = 5): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "∞";
  if (x === Number.NEGATIVE_INFINITY) return "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  const sign = x < 0 ? "−" : "";
  // toPrecision switches to "9.19e+5" when the digits do not reach the decimal point.
  if (a >= 1e-4 && a < 1e6 && a < 10 ** digits) {
    return sign + trim(a.toPrecision(digits));
  }
  const [mantissa, exponent] = a.toExponential(digits - 1).split("e");
  return `${sign}${trim(mantissa ?? "")} × 10${superscript(Number(exponent))}`;
}

/** Drops trailing zeros of a decimal ("0.25000" → "0.25", "3.0" → "3"). */
function trim(s: string): string {
  return s.includes(".") && !s.includes("e") ? s.replace(/\.?0+$/, "") : s;
}

/** A number wrapped in parentheses when negative, for substituting into a formula. */
export function term(x: number, digits = 5): string {
  const s = fmt(x, digits);
  return x < 0 ? `(${s})` : s;
}

/** Z = e^(ln Z), written as a power of ten when it overflows a double. */
export function fmtFromLog(logValue: number, digits = 5): string {
  if (logValue < 700 || !Number.isFinite(logValue)) return fmt(Math.exp(logValue), digits);
  const log10 = logValue / Math.LN10;
  const exponent = Math.floor(log10);
  const mantissa = 10 ** (log10 - exponent);
  return `${trim(mantissa.toFixed(digits - 1))} × 10${superscript(exponent)}`;
}

/** Milliseconds with a sensible number of digits. */
export function ms(x: number): string {
  if (x < 0.1) return "< 0.1"; // browsers coarsen performance.now() to about 0.1 ms
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
}
