// Apart from types.ts because the import and spot-check stores write audit entries and
// types.ts gathers those stores: declared there, each closed an import cycle with it.

/** Who made an admin write, for the audit log: `cli` or `token:<id>`. */
export interface AuditActor {
  actor: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}
