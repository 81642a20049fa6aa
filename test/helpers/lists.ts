/**
 * Fixture lists must exist and hold something. A test that loops over a fixture key checks
 * nothing when the key is missing (renamed in the generator) or empty, and still passes; these
 * checks make such a fixture fail loudly where it is loaded.
 */

/** The list itself, or an Error naming `what` when it is not a non-empty array. */
export function nonEmpty<T>(list: readonly T[] | undefined, what: string): readonly T[] {
  if (!Array.isArray(list)) {
    throw new Error(`${what} is missing from the fixture (got ${typeof list}): regenerate it`);
  }
  if (list.length === 0) throw new Error(`${what} is empty in the fixture: regenerate it`);
  return list;
}

/**
 * Checks that every dotted path (e.g. "rotor.series") of a parsed fixture is a non-empty array;
 * `file` names the fixture in the message.
 */
export function requireLists(fixture: unknown, file: string, paths: readonly string[]): void {
  for (const path of paths) {
    let value: unknown = fixture;
    for (const key of path.split(".")) {
      value =
        value !== null && typeof value === "object"
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    nonEmpty(value as unknown[] | undefined, `${file}: ${path}`);
  }
}
