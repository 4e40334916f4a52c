import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { ZhengbanError } from '@zhengban/shared';
import type { Command } from 'commander';
import type { ImportReport } from '../schema/imports.js';
import { importBundle } from '../service/bundle-import.js';
import { importDeps } from '../service/import-deps.js';
import { workerIntake } from '../service/intake-pool.js';
import { openDatabase } from '../store/open-database.js';
import type { Io } from './io.js';
import { dbOption } from './options.js';
import { integer, positiveNumber } from './validate.js';

interface ImportOptions {
  db: string;
  spotCheck?: string;
  json?: boolean;
  trustedKms?: string[];
  intakeWorkers?: string;
  staleAfter?: string;
}

/** Some lines of the bundles were refused or replayed: the rest were imported. */
export class ImportIncompleteError extends ZhengbanError {
  constructor(message: string) {
    super('E_IMPORT_INCOMPLETE', message, { status: 422 });
  }
}

/** Names on one line, and machines listed, before the rest is counted: a network may have thousands. */
const LISTED = 20;
const names = (xs: string[]) => (xs.length > LISTED ? `${xs.slice(0, LISTED).join(', ')} and ${xs.length - LISTED} more` : xs.join(', '));

/** The import's outcome for a person: a line per fact, the problems named line by line on stderr. */
export function formatImport(r: ImportReport): { out: string[]; err: string[] } {
  const out = [
    `${r.fileName}: ${r.entries} entries from ${r.createdBy} (${r.createdAt})${r.network ? `, network ${r.network}` : ''}; import #${r.importId} in ${r.seconds.toFixed(1)} s`,
    `  accepted ${r.accepted}, duplicates ${r.duplicates}, replayed ${r.replayedTotal}, refused ${r.refusedTotal}`,
  ];
  if (r.enrolled.length) out.push(`  enrolled ${r.enrolled.length}: ${names(r.enrolled.map((e) => `${e.hostname} (${e.unit})`))}`);
  for (const i of r.inspections) out.push(`  inspection line ${i.line}: ${i.hostname}, ${i.status}, spot check ${i.spotCheckId ?? '-'} (matched by ${i.matchedBy})`);
  if (r.notSeen.length) {
    out.push(`  not in this bundle: ${r.notSeen.length} machine(s) of network ${r.network || '(unnamed)'}`);
    for (const m of r.notSeen.slice(0, LISTED)) out.push(`    ${m.hostname} (${m.unit}), last heard ${m.lastSeen ?? 'never'}`);
    if (r.notSeen.length > LISTED) out.push(`    and ${r.notSeen.length - LISTED} more (--json lists them all)`);
  }
  const err: string[] = [];
  for (const e of r.earlier) err.push(`${r.fileName}: this bundle was imported before (import #${e.id}, ${e.importedAt}, by ${e.actor}, as ${e.fileName})`);
  for (const p of r.problems) err.push(`${r.fileName}: ${p}`);
  for (const x of r.replayed) err.push(`${r.fileName} line ${x.line}: replayed: agent ${x.agentId} seq ${x.seq}: ${x.message}`);
  for (const x of r.refused) err.push(`${r.fileName} line ${x.line}: refused: ${x.code}: ${x.message}`);
  if (r.refusedTotal > r.refused.length) err.push(`${r.fileName}: ${r.refusedTotal - r.refused.length} more refused line(s) not listed`);
  return { out, err };
}

/**
 * `import FILE…`: bundles carried from networks with no route. Each file is imported on
 * its own; one that is not a bundle is named and the others still go.
 */
async function importFiles(files: string[], o: ImportOptions, io: Io): Promise<void> {
  const spotCheckId = o.spotCheck === undefined ? undefined : integer(o.spotCheck, '--spot-check', 1);
  const staleAfterMs = positiveNumber(o.staleAfter ?? '48', '--stale-after') * 3_600_000;
  const workers = integer(o.intakeWorkers ?? String(Math.max(1, availableParallelism() - 1)), '--intake-workers', 1, 64);
  const store = await openDatabase(o.db);
  const intake = workerIntake(workers);
  let incomplete = 0;
  try {
    const deps = importDeps({ store, intake, policy: { trustedKmsHosts: (o.trustedKms ?? []).map((h) => h.trim()).filter(Boolean) }, now: () => new Date(), staleAfterMs });
    for (const file of files) {
      let report: ImportReport;
      try {
        report = await importBundle(deps, { path: file, fileName: basename(file), actor: 'cli', ...(spotCheckId !== undefined ? { spotCheckId } : {}) });
      } catch (err) {
        if (!(err instanceof ZhengbanError) && (err as NodeJS.ErrnoException).code === undefined) throw err;
        io.err(`zhengban-collector: ${file}: ${(err as Error).message}`);
        incomplete++;
        continue;
      }
      if (o.json) io.out(JSON.stringify(report, null, 2));
      const lines = formatImport(report);
      if (!o.json) for (const l of lines.out) io.out(l);
      for (const l of lines.err) io.err(l);
      if (report.refusedTotal || report.replayedTotal || !report.intact) incomplete++;
    }
  } finally {
    await intake.close();
    await store.close();
  }
  if (incomplete) throw new ImportIncompleteError(`${incomplete} of ${files.length} bundle(s) not imported whole; see the lines above`);
}

export function registerImportCommands(program: Command, io: Io): void {
  program
    .command('import')
    .description('take in bundles carried from networks with no route (zhengban-agent export, bundle merge, inspect): each snapshot checked as over HTTP')
    .argument('<files...>', 'bundle files (plain or gzipped)')
    .addOption(dbOption())
    .option('--spot-check <id>', 'attach inspector kit scans that name no spot check to this one')
    .option('--trusted-kms <host...>', 'KMS hosts of the organisation, trusted for volume activation (as serve)')
    .option('--intake-workers <n>', 'worker threads that verify and read snapshots (default: cores - 1, at least 1)')
    .option('--stale-after <hours>', 'a sampled machine not heard from for this long counts as silent in a spot check (as serve)', '48')
    .option('--json', 'print each bundle\'s report as JSON')
    .action((files: string[], o: ImportOptions) => importFiles(files, o, io));
}
