import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OFFLINE_TOKEN_KIND, type OfflineEnrollmentToken } from '@zhengban/shared';
import { parseDuration } from '../service/duration.js';
import { UsageError } from '../service/errors.js';
import { hashToken, newToken } from '../service/tokens.js';
import { openDatabase } from '../store/open-database.js';
import type { Io } from './io.js';
import { integer, unitName } from './validate.js';
import { createEnrollmentToken } from '../service/token-service.js';

export interface EnrollmentCreateOptions {
  db: string;
  unit?: string;
  expires?: string;
  maxUses?: string;
  /** Offline: write the token into this file for PCs with no route (agent `enroll --offline`). */
  offline?: string;
  network?: string;
}

/**
 * Prints an enrollment token, alone on the last line; only its hash is stored. With
 * --offline the token goes into a file the PC takes in instead, and lives 30 days by
 * default: it is checked when the collector imports the first bundle, after the
 * round trip on removable media.
 */
export async function enrollmentCreate(o: EnrollmentCreateOptions, io: Io, now = new Date()): Promise<void> {
  const unit = unitName(o.unit);
  if (o.network !== undefined && o.offline === undefined) throw new UsageError('--network names the network of an offline token: add --offline FILE');
  const network = o.offline === undefined ? null : networkName(o.network);
  const ttlMs = parseDuration(o.expires ?? (o.offline === undefined ? '7d' : '30d'));
  const maxUses = o.maxUses === undefined ? null : integer(o.maxUses, '--max-uses', 1);
  const token = newToken('enrollment');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const tokenFile = o.offline === undefined ? null : await prepareTokenFile(o.offline, { unit, network: network ?? '', token, expiresAt, createdAt: now.toISOString() });
  const store = await openDatabase(o.db);
  try {
    const info = await createEnrollmentToken(store, {
      tokenHash: hashToken(token),
      unitName: unit,
      createdAt: now.toISOString(),
      expiresAt,
      maxUses,
      network,
      actor: 'cli',
    });
    const uses = `uses ${info.maxUses === null ? 'unlimited' : info.maxUses}`;
    if (tokenFile) {
      await tokenFile.commit();
      io.out(`offline enrollment token #${info.id} for unit ${info.unit}${network ? `, network ${network}` : ''}, expires ${info.expiresAt}, ${uses}`);
      io.out(`written to ${o.offline} (keep it like a password); on each PC: zhengban-agent enroll --offline FILE`);
      return;
    }
    io.out(`enrollment token #${info.id} for unit ${info.unit}, expires ${info.expiresAt}, ${uses}`);
    io.out('shown once, stored only as a hash:');
    io.out(token);
  } catch (err) {
    await tokenFile?.abort();
    throw err;
  } finally {
    await store.close();
  }
}

function networkName(value: string | undefined): string {
  const name = (value ?? '').trim();
  if (name.length > 200) throw new UsageError('--network is longer than 200 characters');
  return name;
}

/**
 * The token file is written beside its target first and renamed only once the token
 * is stored: a token in a file the collector does not know, or the reverse, is never left.
 */
async function prepareTokenFile(file: string, t: Omit<OfflineEnrollmentToken, 'kind' | 'version'>): Promise<{ commit(): Promise<void>; abort(): Promise<void> }> {
  const body: OfflineEnrollmentToken = { kind: OFFLINE_TOKEN_KIND, version: 1, ...t };
  const tmp = join(dirname(file), `.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
  return {
    commit: () => rename(tmp, file),
    abort: () => rm(tmp, { force: true }),
  };
}

export async function enrollmentList(o: { db: string }, io: Io, now = new Date()): Promise<void> {
  const store = await openDatabase(o.db);
  try {
    const tokens = await store.read.enrollments.list();
    io.out(['id', 'unit', 'expires', 'uses', 'state', 'kind'].join('\t'));
    for (const t of tokens) {
      const state =
        t.expiresAt <= now.toISOString() ? 'expired' : t.maxUses !== null && t.uses >= t.maxUses ? 'used-up' : 'active';
      const kind = t.network === null ? 'online' : `offline${t.network ? ` (${t.network})` : ''}`;
      io.out([t.id, t.unit, t.expiresAt, `${t.uses}/${t.maxUses ?? '∞'}`, state, kind].join('\t'));
    }
  } finally {
    await store.close();
  }
}
