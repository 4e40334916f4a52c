/**
 * Spool file names: `<seq, 12 digits>-<UTC time, compact ISO>.json`, e.g.
 * `000000000042-20250301T020312045Z.json`. Seq comes first and only grows, so the
 * lexical order of names is the order the snapshots were made.
 */
const NAME = /^(\d{12})-(\d{8}T\d{9}Z)\.json$/;

export function spoolName(seq: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `${String(seq).padStart(12, '0')}-${stamp}.json`;
}

/** The seq in a spool name, or null for anything else (temp files, answers, strays). */
export function parseSpoolName(name: string): number | null {
  const m = NAME.exec(name);
  return m ? Number(m[1]) : null;
}

/** The collector's answer kept beside a rejected envelope. */
export function answerName(name: string): string {
  return name.replace(/\.json$/, '.answer.json');
}
