export interface Selection {
  /** Variables to decrypt, by name. */
  names?: readonly string[];
  /** Also every variable whose name starts with this. */
  prefix?: string;
  /** Also every variable whose name ends with this. */
  suffix?: string;
}

/** The variable names a selection covers, in a stable order (named first, then matches). */
export function selectVariables(selection: Selection, env: Record<string, string | undefined>): string[] {
  const { names = [], prefix, suffix } = selection;
  if (names.length === 0 && !prefix && !suffix) {
    throw new TypeError('decryptEnv: say which variables to decrypt, with names, prefix or suffix');
  }
  const chosen = new Set(names);
  const matching = Object.keys(env)
    .filter((name) => (prefix && name.startsWith(prefix)) || (suffix && name.endsWith(suffix)))
    .sort();
  for (const name of matching) chosen.add(name);
  return [...chosen];
}
