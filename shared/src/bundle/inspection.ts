import type { KeyObject } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { Snapshot } from '../schema/snapshot.js';
import { Closed } from '../schema/text.js';
import { Verdict } from '../schema/verdict.js';
import { signBytes } from '../signing/ed25519.js';
import type { InspectionEnvelope } from './schema.js';

/**
 * The inspector's kit (issue 17): what `zhengban-collector kit create` writes as kit.json,
 * what `zhengban-agent inspect` signs, and the module (the kit's judge.mjs) the agent
 * loads to judge a PC as the collector would. The agent never imports collector code, so
 * this file is the whole of what the two sides agree on.
 */
export const KIT_KIND = 'zhengban-inspector-kit';
export const KIT_VERSION = 1;

const Id = Type.String({ minLength: 1, maxLength: 100 });
const NullableText = (maxLength: number) => Type.Union([Type.String({ minLength: 1, maxLength }), Type.Null()]);

export const KitInspector = Closed({
  id: Id,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** SPKI PEM of the key in inspector.key: a key file from another kit is refused. */
  publicKey: Type.String({ minLength: 1, maxLength: 1000 }),
});
export type KitInspector = Static<typeof KitInspector>;

/**
 * kit.json. `judging` (catalog, lists, licences, KMS policy) is the collector's data in the
 * collector's own schemas: the agent carries it to judge.mjs unread, and judge.mjs checks
 * it, so a catalog field added on the collector's side changes nothing here.
 */
export const KitFile = Closed({
  kind: Type.Literal(KIT_KIND),
  version: Type.Literal(KIT_VERSION),
  kitId: Id,
  inspector: KitInspector,
  createdAt: Type.String({ format: 'date-time' }),
  /** The unit whose licences the kit carries; null: none (the kit judges as if nothing were bought). */
  unit: NullableText(500),
  spotCheckId: NullableText(100),
  catalogVersion: Type.String({ minLength: 1, maxLength: 100 }),
  /** The collector's RULES_VERSION; judge.mjs refuses a kit written under other rules. */
  rulesVersion: Type.String({ minLength: 1, maxLength: 100 }),
  judging: Type.Record(Type.String(), Type.Unknown()),
});
export type KitFile = Static<typeof KitFile>;

export const INSPECTION_VERSION = 1;

const RECORD_HEAD = {
  version: Type.Literal(INSPECTION_VERSION),
  kitId: Id,
  /** Also in the envelope, which is not signed: here it is. */
  inspectorId: Id,
  inspectedAt: Type.String({ format: 'date-time' }),
  unit: NullableText(500),
  spotCheckId: NullableText(100),
  catalogVersion: Type.String({ minLength: 1, maxLength: 100 }),
  rulesVersion: Type.String({ minLength: 1, maxLength: 100 }),
  /** The verdict the kit gave on site, as printed on the sheet. */
  verdict: Verdict,
};

/** What an inspector's signature covers: the PC's snapshot and the verdict given on site. */
export const InspectionRecord = Closed({ ...RECORD_HEAD, snapshot: Snapshot });
export type InspectionRecord = Static<typeof InspectionRecord>;

/**
 * The record with its snapshot unread: an importer checks the snapshot with its own
 * compiled, version-aware reader rather than with the agent's current format.
 */
export const InspectionRecordHead = Closed({ ...RECORD_HEAD, snapshot: Type.Unknown() });
export type InspectionRecordHead = Static<typeof InspectionRecordHead>;

/** The record as one envelope line: its exact JSON text, signed with the inspector's key. */
export function sealInspection(record: InspectionRecord, privateKey: KeyObject | string): InspectionEnvelope {
  const payload = JSON.stringify(record);
  return { kind: 'inspection', inspectorId: record.inspectorId, payload, signature: signBytes(Buffer.from(payload, 'utf8'), privateKey) };
}

/** Judges one snapshot with the kit's data, as the collector judges a machine of the kit's unit today. */
export type JudgeOnSite = (snapshot: Snapshot, kit: KitFile, now: Date) => Verdict;

/** What judge.mjs exports; the agent checks each before it scans. */
export interface KitModule {
  RULES_VERSION: string;
  /** Throws (a ZhengbanError's code) when the kit's data cannot be judged with: checked before a scan. */
  checkKit: (kit: KitFile) => void;
  judgeOnSite: JudgeOnSite;
  /** 计算机软件安装情况检查表 as one printable HTML page. */
  inspectionSheet: (record: InspectionRecord, kit: KitFile) => string;
  /** The verdict in one line for the console. */
  verdictLine: (record: InspectionRecord) => string;
}
