import Database from 'better-sqlite3';
import { hashToken } from '../../src/service/tokens.js';
import type { Store } from '../../src/store/store.js';
import { T0, enrollmentToken } from '../helper.js';
import { enrollWithToken } from '../../src/service/enroll-service.js';

/** Every machine's labels and the whole audit log, read through a second connection: what a refused write must leave alone. */
export function labelState(dbFile: string): { agents: unknown[]; audit: unknown[] } {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      agents: db.prepare('SELECT id, hostname, user_name, asset_number FROM agents ORDER BY id').all(),
      audit: db.prepare('SELECT * FROM audit_log ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

/** Enrolls machines straight into the store (hostname → id `ag_<hostname>`), as enrollment would. */
export async function enrollMachines(store: Store, hostnames: readonly string[], unit = '财政局'): Promise<string[]> {
  const token = await enrollmentToken(store, unit);
  const ids: string[] = [];
  for (const [i, hostname] of hostnames.entries()) {
    const id = `ag_${i + 1}_${hostname}`;
    const agent = { id, publicKey: `key-${id}`, hostname, hardwareUuid: null, machineId: null, serial: null, agentVersion: null };
    const outcome = await enrollWithToken(store, hashToken(token), T0.toISOString(), agent);
    if (outcome.kind !== 'enrolled') throw new Error(`enroll ${hostname}: ${outcome.kind}`);
    ids.push(id);
  }
  return ids;
}
