import type { Activation, Category, CollectionError, Finding, FindingCode, Snapshot } from '@zhengban/shared';
import type { ClassifyContext, InstalledBetween } from './context.js';
import type { JudgedSnapshot } from './judged-snapshot.js';

/**
 * A rule looks at the whole snapshot (and the registry, through the context) and
 * returns its findings; new checks are new rules in a category's list.
 */
export type Rule = (snapshot: JudgedSnapshot, ctx: ClassifyContext) => Finding[];

/** What a rule concluded about one subject, before facts are attached. */
export interface Judgement {
  code: FindingCode;
  message: string;
  messageZh: string;
}

/** A product as messages name it; `zh` carries the Chinese category word. */
export interface Product {
  name: string;
  zh: string;
}

// The schema's limits; clipping here keeps a long agent-supplied reason from
// making the whole verdict invalid.
const MAX_TEXT = 1000;
const MAX_SUBJECT = 300;
const MAX_FACTS = 50;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function makeFinding(category: Category, subject: string, j: Judgement, facts: string[]): Finding {
  return {
    category,
    code: j.code,
    passed: j.code === 'licensed',
    subject: clip(subject, MAX_SUBJECT),
    message: clip(j.message, MAX_TEXT),
    messageZh: clip(j.messageZh, MAX_TEXT),
    facts: facts.slice(0, MAX_FACTS).map((f) => clip(f, MAX_TEXT)),
  };
}

type FactValue = string | number | boolean | null | readonly unknown[];

/** `field = value`, as inspectors read them; strings unquoted, the rest as JSON. */
export function fact(field: string, value: FactValue): string {
  return `${field} = ${typeof value === 'string' ? value : JSON.stringify(value)}`;
}

/** Facts for the fields set, most telling first so clipping drops the least. */
export function activationFacts(prefix: string, a: Activation): string[] {
  const facts = [fact(`${prefix}.state`, a.state)];
  const fields = ['channel', 'partialKey', 'kmsHost', 'graceRemainingMinutes', 'reason', 'source'] as const;
  for (const field of fields) {
    const value = a[field];
    if (value !== undefined) facts.push(fact(`${prefix}.${field}`, value));
  }
  for (const [key, value] of Object.entries(a.details ?? {})) facts.push(fact(`${prefix}.details.${key}`, value));
  return facts;
}

/**
 * The facts of an office suite or antivirus: its place in the snapshot's list, or, for
 * one only its Uninstall entry shows, that entry (`software[k]`) and the reason.
 */
export function listedFacts(list: 'office' | 'antivirus', i: number, fromSoftware: number | undefined, entry: { name: string; source: string; activation?: Activation }): string[] {
  if (fromSoftware === undefined) return [fact(`${list}[${i}].name`, entry.name), fact(`${list}[${i}].source`, entry.source)];
  return [
    fact(`software[${fromSoftware}].name`, entry.name),
    fact(`software[${fromSoftware}].source`, entry.source),
    fact(`${list}[${i}]`, `not reported by the agent's ${list} checks; ${entry.activation?.reason ?? 'found only as an Uninstall entry'}`),
  ];
}

/** `collectionErrors[windows:office] = E_WINDOWS_QUERY: Access denied`: an agent's error quoted whole. */
export function errorFact(e: CollectionError): string {
  return fact(`collectionErrors[${e.source}]`, `${e.code}: ${e.message}`);
}

export function programs(n: number): string {
  return `${n} program${n === 1 ? '' : 's'}`;
}

/** Collection errors whose source names the topic, e.g. `office`, `windows:antivirus`. */
export function collectionErrorsFor(snapshot: Pick<Snapshot, 'collectionErrors'>, topic: string): Snapshot['collectionErrors'] {
  return snapshot.collectionErrors.filter((e) => e.source.toLowerCase().includes(topic));
}

/** The sentence that says a program appeared between two snapshots; empty when it did not. */
export function installedWords(b: InstalledBetween | null | undefined): { en: string; zh: string } {
  if (!b) return { en: '', zh: '' };
  return {
    en: ` It was installed after the previous snapshot ${b.previousSnapshotId}, first seen in snapshot ${b.snapshotId} (${b.at}).`,
    zh: `该软件是在上次快照 ${b.previousSnapshotId} 之后安装的，首次见于快照 ${b.snapshotId}（${b.at}）。`,
  };
}

/** "20160 minutes (14 days)" and "14 天": grace periods are read in days. */
export function duration(minutes: number): { en: string; zh: string } {
  if (minutes >= 1440) {
    const days = Math.floor(minutes / 1440);
    return { en: `${minutes} minutes (${days} day${days === 1 ? '' : 's'})`, zh: `${days} 天` };
  }
  if (minutes >= 60) {
    const hours = Math.floor(minutes / 60);
    return { en: `${minutes} minutes (${hours} hour${hours === 1 ? '' : 's'})`, zh: `${hours} 小时` };
  }
  return { en: `${minutes} minute${minutes === 1 ? '' : 's'}`, zh: `${minutes} 分钟` };
}
