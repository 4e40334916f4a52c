import { assessMachine } from '../classify/assess.js';
import type { ClassifyPolicy } from '../classify/context.js';
import { catalogProvider } from '../catalog/provider.js';
import type { Store } from '../store/store.js';
import type { ImportDeps } from './bundle-import.js';
import { importInspection } from './import-inspection.js';
import type { IngestDeps } from './ingest-service.js';
import type { Intake } from './intake-pool.js';

/** Largest snapshot after gunzip, as over HTTP (app.ts). */
export const MAX_DECOMPRESSED = 32 * 1024 * 1024;

/** What an import needs, for the CLI; the HTTP route builds the same from the app's parts. */
export function importDeps(o: { store: Store; intake: Intake; policy: ClassifyPolicy; now: () => Date; staleAfterMs: number }): ImportDeps {
  const catalog = catalogProvider(o.store);
  const ingest: IngestDeps = { store: o.store, policy: o.policy, classify: assessMachine, catalog, now: o.now, intake: o.intake, maxDecompressed: MAX_DECOMPRESSED };
  return importDepsFrom(ingest, o.staleAfterMs);
}

/** `staleAfterMs`: when a sampled machine counts as silent in a spot check (serve's --stale-after). */
export function importDepsFrom(ingest: IngestDeps, staleAfterMs: number): ImportDeps {
  return { ingest, inspect: (envelope, options) => importInspection({ ...ingest, staleAfterMs }, envelope, options) };
}
