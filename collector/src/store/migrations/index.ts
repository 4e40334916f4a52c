import type { Migration } from './migration.js';
import { initial } from './0001-initial.js';
import { registry } from './0002-registry.js';
import { installLookup } from './0003-install-lookup.js';
import { compactVerdicts } from './0004-compact-verdicts.js';
import { firstSeen } from './0005-first-seen.js';
import { enrolledKeys } from './0006-enrolled-keys.js';
import { stagedSoftware } from './0007-staged-software.js';
import { machineLabels } from './0008-machine-labels.js';
import { findingOutlines } from './0009-finding-outlines.js';
import { unitSector } from './0010-unit-sector.js';
import { sessions } from './0011-sessions.js';
import { dashboard } from './0012-dashboard.js';
import { leanIngest } from './0013-lean-ingest.js';
import { offlineBundles } from './0015-offline-bundles.js';
import { inspectors } from './0016-inspectors.js';
import { spotChecks } from './0014-spot-checks.js';
import { stagingAge } from './0017-staging-age.js';
import { catalogEntryOrder } from './0018-catalog-entry-order.js';

export type { Migration } from './migration.js';

/**
 * Migrations are TypeScript modules exporting SQL, not .sql files, because tsc
 * does not copy .sql files into dist and the collector runs from dist.
 */
export const MIGRATIONS: readonly Migration[] = [initial, registry, installLookup, compactVerdicts, firstSeen, enrolledKeys, stagedSoftware, machineLabels, findingOutlines, unitSector, sessions, dashboard, leanIngest, spotChecks, offlineBundles, inspectors, stagingAge, catalogEntryOrder];
