/**
 * The demo's browser-free parts, in Node: reading the text fields, the strings in both
 * languages (the shared ones and every panel's), and the exact oscillator curves of the
 * harmonic preset (checked against the library's thermodynamics of a long ladder). The page
 * itself is tested in demo.test.ts; the panels' shape in demo-panels.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  MAX_VALUES,
  parseDegeneracies,
  parseSpectrum,
  parseTemperature,
  parseVector,
  vectorText,
} from "../../demo/parse.js";
import { HARMONIC_LEVELS, harmonicExact, preset, RANDOM_SIZE } from "../../demo/presets.js";
import { thermodynamics } from "../../src/index.js";
import { AGREED_JAPANESE_TERMS } from "../helpers/japanese.js";
import { allTables } from "./panels.js";

describe("reading the fields", () => {
  it("accepts commas, spaces, full-width digits, the Unicode minus and masked infinities", () => {
    const ok = (text: string) => {
      const r = parseVector(text, "logits");
      if (!r.ok) throw new Error(`refused ${text}: ${r.error.key}`);
      return Array.from(r.value);
    };
    expect(ok("1, 2,3  4;5")).toEqual([1, 2, 3, 4, 5]);
    expect(ok("１，２、−3")).toEqual([1, 2, -3]);
    expect(ok("1e-3 .5 +2 -inf −∞")).toEqual([0.001, 0.5, 2, -Infinity, -Infinity]);
  });

  it("refuses letters, NaN, empty fields, the undefined infinity, and too many values", () => {
    const key = (text: string, kind: "logits" | "energies" = "logits") => {
      const r = parseVector(text, kind);
      return r.ok ? "ok" : r.error.key;
    };
    expect(key("1, a")).toBe("errNotNumber");
    expect(key("NaN")).toBe("errNaN");
    expect(key("")).toBe("errEmpty");
    expect(key(" , ;")).toBe("errEmptyEntry");
    expect(key("+Infinity")).toBe("errPlusInfLogit");
    expect(key("-Infinity", "energies")).toBe("errMinusInfEnergy");
    expect(key("0 inf", "energies")).toBe("ok");
    expect(key("inf", "energies")).toBe("errAllMasked");
    expect(key("-inf -inf")).toBe("errAllMasked");
    expect(
      key(
        Array(MAX_VALUES + 1)
          .fill("0")
          .join(" "),
      ),
    ).toBe("errTooMany");
    const refused = parseVector("1, <b>x</b>", "logits");
    expect(refused.ok ? null : refused.error.params).toEqual({ index: 1, token: "<b>x</b>" });
  });

  it("expands a spectrum with degeneracies into one logit per state", () => {
    const r = parseSpectrum("0, 1, 2", "1 2 0");
    expect(r.ok && Array.from(r.value.logits)).toEqual([-0, -1, -1]);
    expect(parseDegeneracies("1, 1.5", 2)).toMatchObject({
      ok: false,
      error: { key: "errDegeneracy" },
    });
    expect(parseDegeneracies("1", 2)).toMatchObject({ ok: false, error: { key: "errLength" } });
    expect(parseSpectrum("0, 1", "0 0")).toMatchObject({
      ok: false,
      field: "degeneracies",
      error: { key: "errNoStates" },
    });
  });

  it("reads temperatures, including 0, ∞ and negative ones", () => {
    const value = (text: string) => {
      const r = parseTemperature(text);
      return r.ok ? r.value : r.error.key;
    };
    expect(value("0.42")).toBe(0.42);
    expect(value("-1")).toBe(-1);
    expect(value("∞")).toBe(Infinity);
    expect(value("-inf")).toBe(-Infinity);
    expect(Object.is(value("-0"), 0)).toBe(true);
    expect(value("abc")).toBe("errTemperature");
    expect(value("")).toBe("errTemperatureEmpty");
    expect(vectorText([1, -Infinity, Infinity, 0.5])).toBe("1, -inf, inf, 0.5");
  });
});

describe("the dictionaries (the shared strings and each panel's)", () => {
  it("translate every message, with the same placeholders in both languages", async () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join();
    let count = 0;
    for (const { owner, table } of await allTables()) {
      expect(Object.keys(table.ja), owner).toEqual(Object.keys(table.en));
      for (const [key, en] of Object.entries(table.en)) {
        const ja = table.ja[key] ?? "";
        expect(en, `${owner}.${key}`).not.toBe("");
        expect(ja, `${owner}.${key}`).not.toBe("");
        expect(placeholders(ja), `${owner}.${key}`).toBe(placeholders(en));
        count++;
      }
    }
    // Every string the demo had when it was one dictionary (197), none lost in the split.
    expect(count).toBeGreaterThanOrEqual(197);
  });

  it("use the agreed Japanese terms", async () => {
    const all = (await allTables()).flatMap(({ table }) => Object.values(table.ja)).join("\n");
    for (const term of AGREED_JAPANESE_TERMS) {
      expect(all).toContain(term);
    }
  });
});

describe("the presets", () => {
  it("match the issue: the seed example, a dozen tokens, 100 000 random logits", () => {
    expect(preset("seed").logits).toEqual([1, 2, 3, 4, 1, 2, 3]);
    expect(preset("llm").logits).toHaveLength(12);
    expect(preset("llm").labels).toHaveLength(12);
    expect(preset("inversion").temperature).toBeLessThan(0);
    const random = preset("random").logits ?? [];
    expect(random).toHaveLength(RANDOM_SIZE);
    expect(random.slice(0, 3)).toEqual(preset("random").logits?.slice(0, 3));
  });

  it("overlay exact oscillator curves that the library's long ladder reproduces", () => {
    const ladder = Array.from({ length: 4000 }, (_, n) => n + 0.5);
    for (const T of [0.05, 0.3, 1, 7]) {
      const exact = harmonicExact(T);
      const th = thermodynamics(ladder, { temperature: T });
      expect(Math.abs(exact.F - th.freeEnergy)).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(th.freeEnergy)),
      );
      expect(Math.abs(exact.U - th.internalEnergy)).toBeLessThan(1e-12 * th.internalEnergy);
      expect(Math.abs(exact.S - th.entropy)).toBeLessThan(1e-11 * Math.max(1, th.entropy));
      expect(Math.abs(exact.C - th.heatCapacity)).toBeLessThan(
        1e-10 * Math.max(1e-3, th.heatCapacity),
      );
    }
    expect(preset("harmonic").energies).toHaveLength(HARMONIC_LEVELS);
  });
});
