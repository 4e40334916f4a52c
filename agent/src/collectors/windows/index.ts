import type { CollectionError, Snapshot } from '@zhengban/shared';
import { clip } from '../text.js';
import { antivirusFromInventory } from './antivirus.parse.js';
import type { WindowsInventory } from './inventory.schema.js';
import { blockedByLanguageMode } from './inventory.blocked.js';
import { machineFromInventory } from './machine.parse.js';
import { maskProfile, observationsFromInventory } from './observations.parse.js';
import { officeFromInventory } from './office.parse.js';
import { osFromInventory } from './os.parse.js';
import { softwareFromUninstall } from './software.parse.js';
import { tracesFromInventory } from './traces.parse.js';
import { wpsSuites } from './wps.parse.js';

export type WindowsFacts = Pick<Snapshot, 'machine' | 'os' | 'office' | 'antivirus' | 'software' | 'indicators' | 'collectionErrors' | 'observations'>;

export interface WindowsFactsOptions {
  /** The time licence expiry is judged against; defaults to inv.collectedAt, else the current time. */
  now?: Date;
}

/**
 * The snapshot facts of one Windows inventory, live or recorded. Pure: the same
 * inventory (and `now`) always gives the same facts. Each failed or unread part of
 * the script becomes a collection error `windows:<part>`. `observations` is left out
 * when the inventory holds none of the lists it is made of.
 */
export function windowsFacts(inv: WindowsInventory, opts: WindowsFactsOptions = {}): WindowsFacts {
  const collected = Date.parse(inv.collectedAt ?? '');
  const now = opts.now ?? (Number.isNaN(collected) ? new Date() : new Date(collected));
  const os = osFromInventory(inv);
  const office = officeFromInventory(inv, now);
  const collectionErrors = inventoryCollectionErrors(inv);
  const facts: WindowsFacts = {
    machine: machineFromInventory(inv),
    os,
    office: [...office.suites, ...wpsSuites(inv)].slice(0, 100),
    antivirus: antivirusFromInventory(inv).slice(0, 100),
    software: softwareFromUninstall(inv.software ?? [], os.arch === 'unknown' ? undefined : os.arch),
    indicators: [...tracesFromInventory(inv), ...office.indicators].slice(0, 500),
    collectionErrors: collectionErrors.slice(0, 500),
  };
  const observations = observationsFromInventory(inv);
  if (observations) facts.observations = observations;
  return facts;
}

/**
 * What the collector must know was not inspected, or failed: a query that failed
 * (`E_WINDOWS_QUERY`), a part never read because of a time limit or a stop
 * (`E_COLLECTION_CUT_SHORT`), a user profile whose hive could not be read
 * (`E_PROFILE_NOT_CHECKED`), and a script that policy ran in a restricted language
 * mode (`E_COLLECTION_BLOCKED`, from a recording; a live scan throws instead).
 */
export function inventoryCollectionErrors(inv: WindowsInventory): CollectionError[] {
  const out: CollectionError[] = [];
  if (inv.blocked) {
    const e = blockedByLanguageMode(inv.blocked.languageMode);
    out.push({ source: 'windows:inventory', code: e.code, message: clip(e.message, 2000) });
  }
  for (const e of inv.errors) {
    out.push({
      source: clip(`windows:${e.source}`, 100),
      code: !e.kind || e.kind === 'query' ? 'E_WINDOWS_QUERY' : 'E_COLLECTION_CUT_SHORT',
      message: clip(maskProfile(e.message || 'failed'), 2000),
    });
  }
  for (const p of inv.profiles ?? []) {
    if (p.state !== 'not-loaded') continue;
    const folder = p.path ? ` (${maskProfile(p.path)})` : '';
    out.push({
      source: 'windows:profiles',
      code: 'E_PROFILE_NOT_CHECKED',
      message: clip(`user profile ${p.sid}${folder}: its registry hive could not be read (${maskProfile(p.message ?? 'no reason given')}); the per-user programs of this user (Uninstall entries, WPS Office) were not checked`, 2000),
    });
  }
  return out;
}

export type { WindowsInventory } from './inventory.schema.js';
