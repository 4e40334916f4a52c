/**
 * Small helpers shared by the parsers. Every string that goes into a snapshot is
 * clipped to its schema limit here: one over-long vendor string must not make the
 * collector refuse the whole snapshot.
 */

/** A line a parser could not read, kept so the scan can say what it dropped. */
export interface SkippedLine {
  line: number;
  text: string;
  why: string;
}

export interface Parsed<T> {
  items: T[];
  skipped: SkippedLine[];
}

/** Trimmed text clipped to `max` characters; empty becomes undefined. */
export function clean(value: string | undefined, max: number): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  return v.length > max ? v.slice(0, max) : v;
}

/** Like clean, but for required fields: never undefined. */
export function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

export interface Line {
  no: number;
  text: string;
  /** The output ended inside this line (no final newline): it may be cut short. */
  unterminated: boolean;
}

/**
 * Non-empty lines of command output, numbered from 1. Our format strings end every
 * record with a newline, so a last line without one is a sign the output was cut.
 */
export function lines(text: string): Line[] {
  const parts = text.split(/\r?\n/);
  const endsClean = parts.length > 0 && parts[parts.length - 1] === '';
  const out: Line[] = [];
  parts.forEach((t, i) => {
    if (t.trim() === '') return;
    out.push({ no: i + 1, text: t, unterminated: !endsClean && i === parts.length - 1 });
  });
  return out;
}

/**
 * `key: value` style lines into a map, by a pattern whose groups 1 and 2 are the key
 * and the value; the first of a repeated key wins. Status commands print this shape.
 */
export function fieldLines(text: string, pattern: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = pattern.exec(line);
    if (m && m[1] && m[2] !== undefined && !out.has(m[1])) out.set(m[1], m[2]);
  }
  return out;
}

/** Non-negative integer from decimal text, else undefined. */
export function uint(text: string | undefined): number | undefined {
  if (!text || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Describe dropped lines in one message (first few quoted) for a collection error. */
export function describeSkipped(skipped: readonly SkippedLine[]): string {
  const shown = skipped
    .slice(0, 3)
    .map((s) => `line ${s.line} (${s.why}): ${JSON.stringify(s.text.slice(0, 120))}`)
    .join('; ');
  return `${skipped.length} line(s) could not be read and were left out: ${shown}`;
}
