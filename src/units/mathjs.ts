/**
 * The module's private mathjs instance: created on first use (so importing the units module
 * costs nothing until a quantity is parsed), with the electronvolt redefined from the exact
 * CODATA 2018 elementary charge (mathjs 15 still uses CODATA 2010's), the thermochemical calorie
 * (4.184 J, for kcal/mol) and the hartree added, and with the functions that could change or
 * escape the instance disabled for expressions, as the mathjs security guide recommends. The
 * parser is kept as a private reference before that, for this module's own use.
 * @internal
 */
import { all, create, type MathJsInstance, type MathNode } from "mathjs";
import { CODATA_2018 } from "./constants.js";

/** The instance and the two entry points this module uses. */
export interface Mathjs {
  math: MathJsInstance;
  parse: (text: string) => MathNode;
}

/** Functions refused inside expressions (each throws if reached at all). */
export const DISABLED = [
  "import",
  "createUnit",
  "evaluate",
  "parse",
  "simplify",
  "derivative",
  "resolve",
  "compile",
  "reviver",
  "replacer",
  "chain",
  "config",
] as const;

let instance: Mathjs | undefined;

export function mathjs(): Mathjs {
  if (instance !== undefined) return instance;
  const math = create(all as NonNullable<typeof all>, { number: "number" });
  const eV = `${CODATA_2018.elementaryCharge} J`;
  math.createUnit(
    {
      eV: { definition: eV, prefixes: "short" },
      electronvolt: { definition: eV, prefixes: "long", aliases: ["electronvolts"] },
      // The thermochemical calorie (kcal/mol in chemistry); mathjs has no calorie.
      cal: { definition: "4.184 J", prefixes: "short" },
      calorie: { definition: "4.184 J", prefixes: "long", aliases: ["calories"] },
      hartree: { definition: "4.3597447222071e-18 J", aliases: ["hartrees"] },
    },
    { override: true },
  );
  const parse = math.parse.bind(math) as (text: string) => MathNode;
  const disabled: Record<string, () => never> = {};
  for (const name of DISABLED) {
    disabled[name] = () => {
      throw new Error(`function ${name} is disabled in gibbs-softmax expressions`);
    };
  }
  // One call: once `import` itself is replaced, it cannot be called again.
  math.import(disabled, { override: true });
  instance = { math, parse };
  return instance;
}
