import type { Antivirus, CollectionError, SoftwareItem } from '@zhengban/shared';
import { collectionError } from '../../collection-error.js';
import { clip } from '../../text.js';
import type { LinuxContext } from '../context.js';
import { packagesByName } from '../products.js';
import { daemonState, presence, type Presence, type Runtime } from './detect.js';
import { AV_PRODUCTS, type AvProduct } from './products.data.js';
import { readStatus, type StatusResult } from './status.collect.js';

/**
 * Antivirus on Linux: each known product found by its package (or, without one, by
 * its unit or running daemon), its running state from systemd and ps, then what the
 * product itself says through its status command where it has one. Status commands
 * run only for products found, except those whose absolute-path tool is its own
 * presence check (probe).
 */
export async function collectLinuxAntivirus(
  ctx: LinuxContext,
  software: readonly SoftwareItem[],
): Promise<{ antivirus: Antivirus[]; errors: CollectionError[] }> {
  const errors: CollectionError[] = [];
  const rt: Runtime = {
    services: await listed('services', () => ctx.services(), errors),
    processes: await listed('processes', () => ctx.processes(), errors),
  };
  const byName = packagesByName(software);
  const found = AV_PRODUCTS.map((product) => ({ product, where: presence(product, byName, software, rt) }));
  const results = await Promise.all(
    found.map(async ({ product, where }): Promise<{ av?: Antivirus; error?: CollectionError }> => {
      if (!where && !product.probe) return {};
      const status: StatusResult = product.status ? await readStatus(ctx, product.status, product.id) : {};
      // A probed tool that ran (even failing) shows the product is there.
      const seen = where ?? (status.facts || status.error ? { source: `command:${product.probe}` } : undefined);
      return { ...(seen ? { av: entry(product, seen, rt, status) } : {}), ...(status.error ? { error: status.error } : {}) };
    }),
  );
  // Collected in product order, whichever status command answered first.
  for (const r of results) if (r.error) errors.push(r.error);
  return { antivirus: results.flatMap((r) => (r.av ? [r.av] : [])), errors };
}

function entry(product: AvProduct, where: Presence, rt: Runtime, status: StatusResult): Antivirus {
  const daemon = daemonState(product, rt);
  const s = status.facts ?? {};
  const av: Antivirus = {
    name: product.name,
    vendor: product.vendor,
    enabled: s.enabled !== undefined ? s.enabled : daemon.enabled,
    upToDate: s.upToDate !== undefined ? s.upToDate : null,
    source: clip(where.source, 300),
  };
  const version = s.version ?? where.pkg?.version;
  if (version) av.version = clip(version, 100);
  const state = s.state ?? daemon.state;
  if (state) av.state = clip(state, 50);
  if (s.activation) av.activation = s.activation;
  return av;
}

/** A list that could not be read leaves daemon states unknown; it is reported, not fatal. */
async function listed<T>(what: string, read: () => Promise<T | undefined>, errors: CollectionError[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    errors.push(collectionError(`linux:antivirus:${what}`, err));
    return undefined;
  }
}
