import fp from 'fastify-plugin';
import type { Store } from '../store/store.js';
import './types.js';

export interface StorePluginOptions {
  store: Store;
  now: () => Date;
}

/** Shares the store and the clock with every route; the app owns the store and closes it last. */
export default fp<StorePluginOptions>(
  async (app, opts) => {
    app.decorate('store', opts.store);
    app.decorate('now', opts.now);
    app.addHook('onClose', async () => {
      await opts.store.close();
    });
  },
  { name: 'zhengban-store', fastify: '5.x' },
);
