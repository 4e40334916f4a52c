// STUB: the verdict engine's SQL arrives with it.
import type { StoreContext } from './context.js';
import type { EngineStore } from './engine-types.js';

export function createEngineStore(ctx: StoreContext): EngineStore {
  return { run: async (fn) => ctx.tx(() => fn({}))() };
}
