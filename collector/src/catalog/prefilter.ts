/**
 * One pass that tells which rules can match a name at all: the name patterns of every
 * rule joined. A program no rule's name fits (most of a 20,000-program list) costs one
 * test instead of one per rule. Rules without a name pattern, patterns that cannot join
 * (back-references, named groups) and patterns that fit any name are always tried.
 *
 * The patterns are split at their top-level `|`, and the alternatives anchored at the
 * start (`^Microsoft Office\b`, two thirds of the built-in ones) join a regular
 * expression of their own that is tried at the name's start only: in one alternation
 * with the rest, each of them would be tried at every position of every name.
 */
export interface Prefilter<R> {
  anchored: RegExp | undefined;
  floating: RegExp | undefined;
  always: readonly R[];
}

interface NameRule {
  tests: readonly { field: string; re: RegExp }[];
}

/** The top-level alternatives of a pattern: `a|^b(c|d)` → `a`, `^b(c|d)`. */
export function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

const joinable = (src: string | undefined): src is string => src !== undefined && !/\\[1-9k]|\(\?</.test(src.replace(/\(\?<[=!]/g, ''));
// A name pattern that fits any name (`.`, `.*`) would let every program through and
// cost each one a test of every rule: such a rule is tried alone.
const fitsAnything = (r: NameRule) => r.tests.some(({ field, re }) => field === 'name' && (re.test('') || re.test('\u0001')));
const either = (parts: readonly string[], prefix = '') => (parts.length ? new RegExp(`${prefix}(?:${parts.map((p) => `(?:${p})`).join('|')})`, 'iu') : undefined);

export function prefilterOf<R extends NameRule>(rules: readonly R[], sources: ReadonlyMap<R, string | undefined>): Prefilter<R> {
  const none = { anchored: undefined, floating: undefined, always: rules };
  const named = rules.filter((r) => joinable(sources.get(r)) && !fitsAnything(r));
  if (named.length === 0) return none;
  const parts = named.flatMap((r) => alternatives(sources.get(r)!));
  try {
    return {
      anchored: either(parts.filter((p) => p.startsWith('^')).map((p) => p.slice(1)), '^'),
      floating: either(parts.filter((p) => !p.startsWith('^'))),
      always: rules.filter((r) => !named.includes(r)),
    };
  } catch {
    // Patterns that compile alone but not together: no prefilter, every rule is tried.
    return none;
  }
}

/** The rules worth trying on a name: all of them when some name pattern fits it, else only those always tried. */
export function candidates<R>(prefilter: Prefilter<R>, rules: readonly R[], name: string): readonly R[] {
  if (!prefilter.anchored && !prefilter.floating) return rules;
  const fits = prefilter.anchored?.test(name) || prefilter.floating?.test(name);
  return fits ? rules : prefilter.always;
}
