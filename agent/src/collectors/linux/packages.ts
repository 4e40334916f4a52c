import type { CollectionError, SoftwareItem } from '@zhengban/shared';
import { ExecNotFoundError } from '../../exec/run.js';
import { collectionError } from '../collection-error.js';
import type { Io } from '../io.js';
import { describeSkipped, type Parsed } from '../text.js';
import { collectDpkg } from './dpkg.collect.js';
import { collectRpm } from './rpm.collect.js';

/** Package managers the agent lists from. Both may exist on one machine (alien, Kylin). */
export const PACKAGE_MANAGERS: ReadonlyArray<{ source: string; collect: (io: Io) => Promise<Parsed<SoftwareItem>> }> = [
  { source: 'dpkg', collect: collectDpkg },
  { source: 'rpm', collect: collectRpm },
];

export interface PackageListing {
  items: SoftwareItem[];
  /** Per package manager: how many installed packages it listed (absent managers are left out). */
  counts: Record<string, number>;
  errors: CollectionError[];
}

/**
 * Runs every package manager concurrently. A missing one is normal and not an
 * error; a failing one is, and the others' lists still arrive.
 */
export async function collectPackages(io: Io): Promise<PackageListing> {
  const settled = await Promise.allSettled(PACKAGE_MANAGERS.map((m) => m.collect(io)));
  const listing: PackageListing = { items: [], counts: {}, errors: [] };
  let present = 0;
  settled.forEach((result, i) => {
    const { source } = PACKAGE_MANAGERS[i]!;
    if (result.status === 'rejected') {
      if (result.reason instanceof ExecNotFoundError) return;
      present++;
      listing.errors.push(collectionError(source, result.reason));
      return;
    }
    present++;
    listing.counts[source] = result.value.items.length;
    listing.items.push(...result.value.items);
    if (result.value.skipped.length) {
      listing.errors.push({ source, code: 'E_PARSE_PARTIAL', message: describeSkipped(result.value.skipped) });
    }
  });
  if (present === 0) {
    listing.errors.push({
      source: 'packages',
      code: 'E_NO_PACKAGE_MANAGER',
      message: `no supported package manager found (${PACKAGE_MANAGERS.map((m) => m.source).join(', ')}); installed software was not listed`,
    });
  }
  return listing;
}
