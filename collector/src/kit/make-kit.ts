import { randomBytes } from 'node:crypto';
import { KIT_KIND, KIT_VERSION, type KitFile } from '@zhengban/shared';
import { RULES_VERSION } from '../classify/index.js';
import type { Inspector } from '../store/inspector-types.js';
import { prepareKit } from './judge-on-site.js';
import type { KitJudging } from './kit-schema.js';

/** `kit_` and 16 random hex digits: names the kit in records and on its sheets. */
export const newKitId = (): string => `kit_${randomBytes(8).toString('hex')}`;

/**
 * kit.json for a registered inspector, checked by the judge that will read it: a kit this
 * collector writes is one its judge.mjs takes.
 */
export function makeKit(inspector: Inspector, judging: KitJudging, catalogVersion: string): KitFile {
  const kit: KitFile = {
    kind: KIT_KIND,
    version: KIT_VERSION,
    kitId: inspector.kitId,
    inspector: { id: String(inspector.id), name: inspector.name, publicKey: inspector.publicKey },
    createdAt: inspector.createdAt,
    unit: inspector.unit,
    spotCheckId: inspector.spotCheckId,
    catalogVersion,
    rulesVersion: RULES_VERSION,
    judging,
  };
  prepareKit(kit);
  return kit;
}
