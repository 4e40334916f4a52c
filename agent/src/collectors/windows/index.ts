import type { CollectionError, Snapshot } from '@zhengban/shared';
import { clip } from '../text.js';
import { antivirusFromInventory } from './antivirus.parse.js';
import type { WindowsInventory } from './inventory.schema.js';
import { machineFromInventory } from './machine.parse.js';
import { observationsFromInventory } from './observations.parse.js';
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
 * inventory (and `now`) always gives the same facts. Each failed query of the
 * script becomes a collection error `windows:<section>`. `observations` is left out
 * when the inventory holds none of the lists it is made of.
 */
export function windowsFacts(inv: WindowsInventory, opts: WindowsFactsOptions = {}): WindowsFacts {
  const collected = Date.parse(inv.collectedAt ?? '');
  const now = opts.now ?? (Number.isNaN(collected) ? new Date() : new Date(collected));
  const os = osFromInventory(inv);
  const office = officeFromInventory(inv, now);
  const collectionErrors: CollectionError[] = inv.errors.map((e) => ({
    source: clip(`windows:${e.source}`, 100),
    code: 'E_WINDOWS_QUERY',
    message: clip(e.message || 'failed', 2000),
  }));
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

export type { WindowsInventory } from './inventory.schema.js';
