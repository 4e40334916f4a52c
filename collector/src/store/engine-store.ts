import type { StoreContext } from './context.js';
import { EngineRepo } from './engine-repo.js';
import type { EngineStore } from './engine-types.js';

export function createEngineStore(ctx: StoreContext): EngineStore {
  const repo = new EngineRepo(ctx.db, ctx.meta);
  return {
    run: async (fn) =>
      ctx.tx(() => {
        repo.begin();
        return fn(repo);
      })(),
  };
}
