import type { CompiledCatalog } from '../catalog/types.js';
import type { Store } from '../store/store.js';

// A module of its own because report-service.ts calls report-inputs.ts and both take
// these: declared in report-service.ts it closed an import cycle between the two.

export interface ReportDeps {
  store: Store;
  now: () => Date;
  staleAfterMs: number;
  catalog: () => Promise<CompiledCatalog>;
}
