import { catalogProvider } from '../catalog/provider.js';
import { defaultPolicy } from '../classify/context.js';
import type { RegistryDeps } from '../service/registry-deps.js';
import { createRejudge } from '../service/rejudge-service.js';
import { openDatabase } from '../store/open-database.js';

/**
 * The registry services over a database file, for CLI commands: the same services the
 * HTTP routes call, so a write from the command line is audited and re-judged alike.
 */
export async function withRegistry<T>(dbFile: string, fn: (deps: RegistryDeps) => Promise<T>, now = () => new Date()): Promise<T> {
  const store = await openDatabase(dbFile);
  try {
    const catalog = catalogProvider(store);
    const rejudge = createRejudge({ store, catalog, policy: defaultPolicy(), now });
    return await fn({ store, now, rejudge, catalog });
  } finally {
    await store.close();
  }
}
