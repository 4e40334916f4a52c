import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Verdict } from '@zhengban/shared';
import { type StoredFindings, storedFindings, VERDICT_FINDINGS_COLUMNS } from '../../collector/src/store/verdict-findings.js';

// Runs scripts/sample-data as a user does and reads what it stored, straight from the file.

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts/sample-data/index.mjs');

export interface Stored {
  agentId: string;
  unit: string;
  verdict: Verdict;
}

export interface SampleRun {
  status: number | null;
  stdout: string;
  stderr: string;
  db: string;
  json: string;
}

/** Runs the script to completion in a child process; several runs go side by side. */
export function runSample(dir: string, name: string, machines: number, seed = 'qingxi'): Promise<SampleRun> {
  const db = join(dir, `${name}.db`);
  const json = join(dir, `${name}.json`);
  const child = spawn(process.execPath, [script, '--db', db, '--machines', String(machines), '--seed', seed, '--json', json], { timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, db, json }));
  });
}

export function readVerdicts(db: string): Map<string, Stored> {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn
      .prepare(`SELECT a.id, a.hostname, u.name AS unit, v.status, v.rules_version, v.decided_at, v.snapshot_id, ${VERDICT_FINDINGS_COLUMNS}
        FROM agents a JOIN units u ON u.id = a.unit_id JOIN verdicts v ON v.id = a.verdict_id`)
      .all() as (StoredFindings & { id: string; hostname: string; unit: string; status: Verdict['status']; rules_version: string; decided_at: string; snapshot_id: string })[];
    return new Map(
      rows.map((r) => [
        r.hostname,
        { agentId: r.id, unit: r.unit, verdict: { status: r.status, findings: storedFindings(r, r.snapshot_id), rulesVersion: r.rules_version, decidedAt: r.decided_at, snapshotId: r.snapshot_id } },
      ]),
    );
  } finally {
    conn.close();
  }
}

export function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

