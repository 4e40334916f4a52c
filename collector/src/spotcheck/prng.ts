/**
 * A small seeded PRNG: the same seed gives the same numbers on every machine and every
 * Node version (Math.random cannot be seeded). mulberry32 is enough for drawing a sample;
 * nothing secret rests on it, and the seed is printed on the form anyway.
 */

/** FNV-1a of the text's UTF-16 units, 32 bits: turns a seed and a stratum's key into a start. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator of numbers in [0, 1) from the text. */
export function seeded(text: string): () => number {
  let a = hash32(text);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` items of `items`, in draw order (a partial Fisher–Yates shuffle of a copy). */
export function pick<T>(items: readonly T[], k: number, random: () => number): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}
