import type { AuditEntry } from './audit-types.js';

/** A row of `audit_log` as both stores read it (their SQL differs, the row does not), and what it becomes. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail_json: string | null;
}

export const toAuditEntry = (r: AuditRow): AuditEntry & { id: number } => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  detail: r.detail_json === null ? null : (JSON.parse(r.detail_json) as Record<string, unknown>),
});
