import { UsageError } from '../service/errors.js';
import { hashToken, newToken } from '../service/tokens.js';
import { openDatabase } from '../store/open-database.js';
import type { Io } from './io.js';
import { role as parseRole, unitName } from './validate.js';
import { createAdminToken } from '../service/token-service.js';

export interface TokenCreateOptions {
  db: string;
  role?: string;
  unit?: string;
}

/** Prints an admin-API bearer token, alone on the last line; only its hash is stored. */
export async function tokenCreate(o: TokenCreateOptions, io: Io, now = new Date()): Promise<void> {
  const role = parseRole(o.role ?? '');
  const unit = o.unit === undefined ? undefined : unitName(o.unit);
  if (role === 'viewer' && unit === undefined) throw new UsageError('a viewer token needs --unit: a viewer sees one unit');
  const store = await openDatabase(o.db);
  try {
    let unitId: number | null = null;
    if (unit !== undefined) {
      const found = await store.read.units.findByName(unit);
      if (!found) throw new UsageError(`unit ${unit} does not exist; create an enrollment token for it first`);
      unitId = found.id;
    }
    const token = newToken('admin');
    const info = await createAdminToken(store, { tokenHash: hashToken(token), role, unitId, createdAt: now.toISOString(), actor: 'cli' });
    io.out(`admin token #${info.id}, role ${info.role}${info.unit === null ? '' : `, unit ${info.unit}`}`);
    io.out('shown once, stored only as a hash; send it as Authorization: Bearer <token>:');
    io.out(token);
  } finally {
    await store.close();
  }
}

export async function tokenList(o: { db: string }, io: Io): Promise<void> {
  const store = await openDatabase(o.db);
  try {
    io.out(['id', 'role', 'unit', 'created', 'last used'].join('\t'));
    for (const t of await store.read.adminTokens.list()) {
      io.out([t.id, t.role, t.unit ?? '-', t.createdAt, t.lastUsedAt ?? 'never'].join('\t'));
    }
  } finally {
    await store.close();
  }
}
