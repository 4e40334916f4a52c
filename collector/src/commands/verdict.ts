import type { Command } from 'commander';
import { machineHistory, reviewList } from '../service/verdict-service.js';
import type { Io } from './io.js';
import { cell, printRejudged } from './org-cli.js';
import { dbOption } from './options.js';
import { withRegistry } from './registry-context.js';
import { integer } from './validate.js';

interface Common {
  db: string;
  json?: boolean;
  limit: string;
}

/** The latest verdict of a machine, finding by finding, in English and Chinese. */
async function verdictShow(id: string, o: Common, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const [latest] = await machineHistory(deps, 'cli', id, 'verdicts', 1);
    if (!latest) return io.out(`machine ${id} has not been judged yet`);
    if (o.json) return io.out(JSON.stringify(latest, null, 2));
    const v = latest.verdict;
    io.out(`${id}: ${v.status} (snapshot ${latest.snapshotId}; ${v.rulesVersion}; decided ${v.decidedAt})`);
    for (const f of v.findings) {
      io.out(`  ${f.category.padEnd(10)} ${f.code.padEnd(20)} ${f.message}`);
      io.out(`  ${''.padEnd(10)} ${''.padEnd(20)} ${f.messageZh}`);
      for (const fact of f.facts) io.out(`  ${''.padEnd(31)} · ${fact}`);
    }
  });
}

async function verdictHistory(id: string, o: Common, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const records = await machineHistory(deps, 'cli', id, 'verdicts', integer(o.limit, '--limit', 1, 1000));
    if (o.json) return io.out(JSON.stringify({ verdicts: records }, null, 2));
    io.out(['id', 'decided', 'status', 'trigger', 'detail', 'snapshot'].join('\t'));
    for (const r of records) io.out([r.id, r.verdict.decidedAt, r.verdict.status, r.trigger, cell(r.triggerDetail), r.snapshotId].join('\t'));
  });
}

async function verdictChanges(id: string, o: Common, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const changes = await machineHistory(deps, 'cli', id, 'changes', integer(o.limit, '--limit', 1, 1000));
    if (o.json) return io.out(JSON.stringify({ changes }, null, 2));
    io.out(['at', 'change', 'name', 'publisher', 'before', 'after', 'snapshot'].join('\t'));
    for (const c of changes) io.out([c.at, c.change, c.name, cell(c.publisher), cell(c.versionBefore), cell(c.versionAfter), c.snapshotId].join('\t'));
  });
}

async function verdictReview(o: Common, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const list = await reviewList(deps, 'cli', integer(o.limit, '--limit', 1, 1000), 0);
    if (o.json) return io.out(JSON.stringify(list, null, 2));
    io.out(['machines', 'name', 'publisher', 'versions', 'first seen'].join('\t'));
    for (const i of list.items) io.out([i.machines, i.name, cell(i.publisher), i.versions.join(', ') || '-', cell(i.firstSeen)].join('\t'));
    io.out(`${list.items.length} of ${list.total} programs to review`);
  });
}

async function verdictRejudge(o: { db: string }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const rejudged = await deps.rejudge({ trigger: 'manual', detail: 'requested from the command line', reassess: 'all' });
    await deps.store.transaction((tx) => tx.audit.record({ at: deps.now().toISOString(), actor: 'cli', action: 'rejudge', target: null, detail: { ...rejudged } }));
    printRejudged(io, rejudged);
  });
}

export function registerVerdictCommands(program: Command, io: Io): void {
  const verdict = program.command('verdict').description('verdicts: why a machine is judged so, its history, software to review');
  const common = (c: Command, limit: string) => c.addOption(dbOption()).option('--json', 'print JSON').option('--limit <n>', 'how many rows', limit);
  common(verdict.command('show <machineId>').description('the latest verdict with every finding and the facts it rests on'), '1').action((id: string, o: Common) => verdictShow(id, o, io));
  common(verdict.command('history <machineId>').description('each change of verdict, newest first, with what triggered it'), '50').action((id: string, o: Common) => verdictHistory(id, o, io));
  common(verdict.command('changes <machineId>').description('software installed, removed or changed between snapshots'), '100').action((id: string, o: Common) => verdictChanges(id, o, io));
  common(verdict.command('review').description('installed software the catalog and the lists do not account for'), '100').action((o: Common) => verdictReview(o, io));
  verdict
    .command('rejudge')
    .description('assess and judge every machine again (after upgrading the collector)')
    .addOption(dbOption())
    .action((o: { db: string }) => verdictRejudge(o, io));
}
