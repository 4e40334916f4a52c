import { parseDuration } from '../service/duration.js';
import { hashToken, newToken } from '../service/tokens.js';
import { openStore } from '../store/open.js';
import type { Io } from './io.js';
import { integer, unitName } from './validate.js';

export interface EnrollmentCreateOptions {
  db: string;
  unit?: string;
  expires?: string;
  maxUses?: string;
}

/** Prints an enrollment token, alone on the last line; only its hash is stored. */
export async function enrollmentCreate(o: EnrollmentCreateOptions, io: Io, now = new Date()): Promise<void> {
  const unit = unitName(o.unit);
  const ttlMs = parseDuration(o.expires ?? '7d');
  const maxUses = o.maxUses === undefined ? null : integer(o.maxUses, '--max-uses', 1);
  const token = newToken('enrollment');
  const store = openStore(o.db);
  try {
    const info = await store.enrollment.create({
      tokenHash: hashToken(token),
      unitName: unit,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      maxUses,
      actor: 'cli',
    });
    io.out(
      `enrollment token #${info.id} for unit ${info.unit}, expires ${info.expiresAt}, ` +
        `uses ${info.maxUses === null ? 'unlimited' : info.maxUses}`,
    );
    io.out('shown once, stored only as a hash:');
    io.out(token);
  } finally {
    await store.close();
  }
}

export async function enrollmentList(o: { db: string }, io: Io, now = new Date()): Promise<void> {
  const store = openStore(o.db);
  try {
    const tokens = await store.enrollment.list();
    io.out(['id', 'unit', 'expires', 'uses', 'state'].join('\t'));
    for (const t of tokens) {
      const state =
        t.expiresAt <= now.toISOString() ? 'expired' : t.maxUses !== null && t.uses >= t.maxUses ? 'used-up' : 'active';
      io.out([t.id, t.unit, t.expiresAt, `${t.uses}/${t.maxUses ?? '∞'}`, state].join('\t'));
    }
  } finally {
    await store.close();
  }
}
