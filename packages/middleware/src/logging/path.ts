import { InvalidPathError } from './errors.js';

/**
 * Paths into an event: a small, documented subset of JMESPath, so that the expressions
 * Powertools users already write (`requestContext.requestId`, `headers."x-correlation-id"`,
 * `Records[0].messageId`, `a || b`) work unchanged, without loading a JMESPath engine.
 *
 *   path        := alternative ( '||' alternative )*      first non-empty result wins
 *   alternative := step ( '.' step | '[' index ']' )*
 *   step        := identifier | "quoted name" | '*'        ('*' only where wildcards are allowed)
 *   index       := integer (negative counts from the end) | '*'
 *
 * Filters, functions, slices and projections other than '*' are not supported and are
 * rejected with an InvalidPathError naming the position.
 */
export type Step = { kind: 'key'; name: string } | { kind: 'index'; index: number } | { kind: 'any' };
export type CompiledPath = Step[][];

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const INTEGER = /-?\d+/y;

export function compilePath(source: string, options: { wildcards: boolean; alternatives: boolean }): CompiledPath {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new InvalidPathError(`A path must be a non-empty string like "requestContext.requestId", got ${JSON.stringify(source)}.`);
  }
  const alternatives: CompiledPath = [];
  let pos = 0;
  const fail = (what: string): never => {
    throw new InvalidPathError(
      `Cannot read path ${JSON.stringify(source)} at position ${pos}: ${what}. ` +
        'Supported: dotted names, "quoted names", [index]' +
        (options.wildcards ? ', [*] and .*' : '') +
        (options.alternatives ? ', and a || b' : '') + '.',
    );
  };
  const skipSpaces = () => {
    while (source[pos] === ' ') pos++;
  };
  const readName = (): Step => {
    skipSpaces();
    if (source[pos] === '"') {
      const end = findClosingQuote(source, pos);
      if (end < 0) fail('unterminated quoted name');
      const name = JSON.parse(source.slice(pos, end + 1)) as string;
      pos = end + 1;
      return { kind: 'key', name };
    }
    if (source[pos] === '*') {
      if (!options.wildcards) fail('wildcards are not allowed here (the path must select one value)');
      pos++;
      return { kind: 'any' };
    }
    IDENTIFIER.lastIndex = pos;
    const match = IDENTIFIER.exec(source);
    if (match === null) return fail('expected a name');
    pos += match[0].length;
    return { kind: 'key', name: match[0] };
  };
  const readIndex = (): Step => {
    pos++; // '['
    skipSpaces();
    let step: Step;
    if (source[pos] === '*') {
      if (!options.wildcards) fail('wildcards are not allowed here (the path must select one value)');
      pos++;
      step = { kind: 'any' };
    } else {
      INTEGER.lastIndex = pos;
      const match = INTEGER.exec(source);
      if (match === null) return fail('expected an integer index or *');
      pos += match[0].length;
      step = { kind: 'index', index: Number(match[0]) };
    }
    skipSpaces();
    if (source[pos] !== ']') fail("expected ']'");
    pos++;
    return step;
  };
  for (;;) {
    const steps: Step[] = [];
    skipSpaces();
    steps.push(source[pos] === '[' ? readIndex() : readName());
    for (;;) {
      skipSpaces();
      const char = source[pos];
      if (char === '.') {
        pos++;
        steps.push(readName());
      } else if (char === '[') {
        steps.push(readIndex());
      } else break;
    }
    alternatives.push(steps);
    if (pos >= source.length) return alternatives;
    if (source.startsWith('||', pos)) {
      if (!options.alternatives) fail("'||' is not allowed here");
      pos += 2;
      continue;
    }
    fail(`unexpected ${JSON.stringify(source[pos])}`);
  }
}

function findClosingQuote(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '"') return i;
  }
  return -1;
}

function stepInto(value: unknown, step: Step): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (step.kind === 'index') {
    if (!Array.isArray(value)) return undefined;
    return value[step.index < 0 ? value.length + step.index : step.index];
  }
  if (step.kind === 'key' && !Array.isArray(value) && Object.hasOwn(value, step.name)) {
    return (value as Record<string, unknown>)[step.name];
  }
  return undefined;
}

/** The first alternative that yields something other than null, undefined or ''. */
export function readPath(path: CompiledPath, root: unknown): unknown {
  for (const steps of path) {
    let value = root;
    for (const step of steps) {
      value = stepInto(value, step);
      if (value === undefined) break;
    }
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}
