/**
 * The demo's languages: English and Japanese, the typed string tables, and the one lookup every
 * string is found through. Each panel keeps its own strings in its module
 * (`export const strings = defineStrings({ en: {...}, ja: {...} })`, see demo/panels/), and
 * main.ts registers them with {@link registerStrings} before anything renders; this file holds
 * only the strings of the shared modules and those several panels use: the messages of
 * parse.ts and panels/dom.ts, the link's messages, the axes the shared figures draw (plots.ts),
 * the token names of the language-model preset, and F, U, S, C (a readout and a curve each).
 *
 * The page never inserts a string (or anything from the URL or the fields) as HTML: they go
 * through `textContent` only. Placeholders are written `{name}` and filled by {@link t}.
 */

export type Language = "en" | "ja";

/** Parameters substituted into a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** One table of strings: the same keys in every language. */
export interface StringTable {
  readonly en: Readonly<Record<string, string>>;
  readonly ja: Readonly<Record<string, string>>;
}

const sharedEn = {
  qF: "Free energy F",
  qU: "Internal energy U",
  qS: "Entropy S",
  qC: "Heat capacity C",
  axisIndex: "class / token",
  axisState: "state i",
  axisProbability: "probability",
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
  errLibrary: "The library refused this input: {message}",
  errUrl: "The link had a value that could not be used ({name}); the default is shown instead.",
  errUrlField: "The link's value for {name} could not be used: see the message beside that field.",
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

/** The key of a shared string. */
export type SharedKey = keyof typeof sharedEn;

const sharedJa: Record<SharedKey, string> = {
  qF: "自由エネルギー F",
  qU: "内部エネルギー U",
  qS: "エントロピー S",
  qC: "比熱 C",
  axisIndex: "クラス・トークン",
  axisState: "状態 i",
  axisProbability: "確率",
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
  errLibrary: "ライブラリがこの入力を受け付けませんでした：{message}",
  errUrl: "リンクに使えない値がありました（{name}）。代わりに既定の内容を表示しています。",
  errUrlField: "リンクの {name} の値は使えませんでした。その入力欄の横のメッセージを見てください。",
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

/** The shared strings, as a table (for the tests that read every table). */
export const shared: StringTable = { en: sharedEn, ja: sharedJa };

declare const panelKey: unique symbol;

/**
 * A key the lookup knows: a shared key as it is written, or a panel's own key as returned by
 * its `strings.key()`, which checks it against the panel's table (so a typo is a type error).
 */
export type MessageKey = SharedKey | (string & { readonly [panelKey]: true });

/** A panel's strings: its table, and the lookup typed to its keys and the shared ones. */
export interface Strings<K extends string> extends StringTable {
  readonly en: Readonly<Record<K, string>>;
  readonly ja: Readonly<Record<K, string>>;
  /** The string `key` (the panel's own or a shared one) in `language`, placeholders filled. */
  readonly t: (language: Language, key: K | SharedKey, params?: MessageParams) => string;
  /** `key` for the page-wide lookup: a `data-i18n` attribute or an {@link InputError}. */
  readonly key: (key: K | SharedKey) => MessageKey;
}

/**
 * A panel's strings in both languages. The keys are the English table's; the Japanese table
 * must have exactly those keys, so a missing (or extra) Japanese string is a type error.
 *
 * @example
 * export const strings = defineStrings({
 *   en: { timingHeading: "Computing time" },
 *   ja: { timingHeading: "計算時間" },
 * });
 * strings.t("ja", "timingHeading"); // => "計算時間"
 */
export function defineStrings<K extends string>(table: {
  en: Readonly<Record<K, string>>;
  ja: Readonly<Record<NoInfer<K>, string>>;
}): Strings<K> {
  const own: Record<Language, Readonly<Record<string, string>>> = table;
  return {
    en: table.en,
    ja: table.ja,
    t: (language, key, params) =>
      fill(
        own[language][key] ?? (sharedTable[language] as Record<string, string>)[key] ?? key,
        params,
      ),
    key: (key) => key as MessageKey,
  };
}

const sharedTable: Record<Language, Readonly<Record<SharedKey, string>>> = {
  en: sharedEn,
  ja: sharedJa,
};

/** Every registered string, by key: the shared ones and each panel's. */
const registry = new Map<string, Readonly<Record<Language, string>>>();
const registered = new Set<StringTable>();

/**
 * Adds a panel's strings to the page-wide lookup ({@link t}), once. Throws if one of its keys
 * is already taken (by the shared strings or another panel): two panels cannot share a key.
 */
export function registerStrings(table: StringTable): void {
  if (registered.has(table)) return;
  for (const key of Object.keys(table.en)) {
    if (registry.has(key)) throw new Error(`demo: the string "${key}" is defined twice`);
  }
  registered.add(table);
  for (const [key, en] of Object.entries(table.en)) {
    registry.set(key, { en, ja: table.ja[key] ?? en });
  }
}

registerStrings(shared);

/**
 * The string `key` in `language`, with `{name}` placeholders filled from `params`: a shared
 * string, or one a registered panel defines. Throws for a key nobody registered.
 */
export function t(language: Language, key: MessageKey, params?: MessageParams): string {
  const texts = registry.get(key);
  if (texts === undefined) throw new Error(`demo: no strings define "${key}"`);
  return fill(texts[language], params);
}

function fill(text: string, params: MessageParams | undefined): string {
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
