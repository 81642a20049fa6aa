/** Types of test/mutation/mutants.mjs, for the test that checks docs/testing.md against it. */
export declare const MUTANTS: readonly {
  id: string;
  file: string;
  what: string;
  find: string;
  replace: string;
  tests: readonly string[];
}[];
