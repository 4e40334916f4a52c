import type { Command } from 'commander';
import { listAudit } from '../service/audit-service.js';
import type { Io } from './io.js';
import { cell } from './org-cli.js';
import { dbOption } from './options.js';
import { withRegistry } from './registry-context.js';
import { integer } from './validate.js';

export interface AuditOptions {
  db: string;
  limit: string;
  offset: string;
  action?: string;
  json?: boolean;
}

/** The audit log, newest first: who changed what, and the before/after as JSON. */
export async function auditShow(o: AuditOptions, io: Io): Promise<void> {
  const limit = integer(o.limit, '--limit', 1, 500);
  const offset = integer(o.offset, '--offset', 0);
  const action = o.action?.trim() || undefined;
  await withRegistry(o.db, async (deps) => {
    const { entries } = await listAudit(deps, 'cli', { limit, offset, ...(action === undefined ? {} : { action }) });
    if (o.json) return io.out(JSON.stringify({ entries }, null, 2));
    io.out(['id', 'at', 'actor', 'action', 'target', 'detail'].join('\t'));
    for (const e of entries) io.out([e.id, e.at, e.actor, e.action, cell(e.target), e.detail === null ? '-' : JSON.stringify(e.detail)].join('\t'));
  });
}

export function registerAuditCommands(program: Command, io: Io): void {
  program
    .command('audit')
    .description('the audit log of admin writes, newest first')
    .addOption(dbOption())
    .option('--limit <n>', 'how many entries (1 to 500)', '50')
    .option('--offset <n>', 'skip this many newest entries', '0')
    .option('--action <prefix>', 'only actions starting with this, e.g. unit. or licence.update')
    .option('--json', 'print JSON instead of a table')
    .action((o: AuditOptions) => auditShow(o, io));
}
