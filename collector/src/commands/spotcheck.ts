import { Option, type Command } from 'commander';
import { OnSiteRecordInput, UnitChecksInput, type SpotCheckCreate } from '../schema/spot-checks.js';
import { createSpotCheck } from '../service/spot-check-create.js';
import { closeSpotCheck, getSpotCheck, listSpotChecks, recordMachine, recordUnitChecks } from '../service/spot-check-service.js';
import type { SpotCheckDeps } from '../service/spot-check-create.js';
import { openDatabase } from '../store/open-database.js';
import type { Io } from './io.js';
import { checked, given } from './org-cli.js';
import { dbOption } from './options.js';
import { gradingFile, ratio, seed, spotCheckId } from './spotcheck-args.js';
import { printStrata, printSummaries, printView, printMachines } from './spotcheck-print.js';
import { integer, unitName } from './validate.js';

/** The spot check services over a database file: the same the HTTP routes call, as the CLI caller. */
async function withSpotChecks<T>(o: { db: string; staleAfter: string }, fn: (d: SpotCheckDeps) => Promise<T>): Promise<T> {
  const staleAfterMs = integer(o.staleAfter, '--stale-after', 1, 24 * 365) * 3_600_000;
  const store = await openDatabase(o.db);
  try {
    return await fn({ store, now: () => new Date(), staleAfterMs });
  } finally {
    await store.close();
  }
}

interface Common {
  db: string;
  staleAfter: string;
  json?: boolean;
}

interface CreateOptions extends Common {
  unit: string;
  ratio?: string;
  min?: string;
  seed?: string;
  recheckOf?: string;
  grading?: string;
}

export async function spotcheckCreate(o: CreateOptions, io: Io): Promise<void> {
  const input: SpotCheckCreate = { unit: unitName(o.unit) };
  if (o.ratio !== undefined) input.ratio = ratio(o.ratio);
  if (o.min !== undefined) input.min = integer(o.min, '--min', 0, 100_000);
  if (o.seed !== undefined) input.seed = seed(o.seed);
  if (o.recheckOf !== undefined) input.recheckOf = spotCheckId(o.recheckOf, '--recheck-of');
  if (o.grading !== undefined) input.grading = gradingFile(o.grading);
  await withSpotChecks(o, async (d) => {
    const { id, seed: used } = await createSpotCheck(d, 'cli', input);
    const v = await getSpotCheck(d, 'cli', id);
    if (o.json) return io.out(JSON.stringify(v, null, 2));
    io.out(`spot check #${id} of ${v.unit}: ${v.sampled} of ${v.population} machines${v.recheckOf === null ? '' : `, the machines of #${v.recheckOf} again`} (seed ${used}: the same seed and machines draw the same sample)`);
    printStrata(io, v.strata);
    printMachines(io, v.machines);
  });
}

export async function spotcheckList(o: Common & { unit?: string }, io: Io): Promise<void> {
  const unit = o.unit === undefined ? undefined : unitName(o.unit);
  await withSpotChecks(o, async (d) => {
    const { spotChecks } = await listSpotChecks(d, 'cli', given({ unit }));
    if (o.json) return io.out(JSON.stringify({ spotChecks }, null, 2));
    printSummaries(io, spotChecks);
  });
}

export async function spotcheckShow(idText: string, o: Common, io: Io): Promise<void> {
  const id = spotCheckId(idText);
  await withSpotChecks(o, async (d) => {
    const v = await getSpotCheck(d, 'cli', id);
    if (o.json) return io.out(JSON.stringify(v, null, 2));
    printView(io, v);
  });
}

interface RecordOptions extends Common {
  machine: string;
  label?: string;
  agentPresent?: string;
  agentReporting?: string;
  unreported?: string[];
  remark?: string;
}

export async function spotcheckRecord(idText: string, o: RecordOptions, io: Io): Promise<void> {
  const id = spotCheckId(idText);
  const input = checked(OnSiteRecordInput, given({ labelMatches: o.label, agentPresent: o.agentPresent, agentReporting: o.agentReporting, unreported: o.unreported, remark: o.remark }));
  await withSpotChecks(o, async (d) => {
    const m = await recordMachine(d, 'cli', id, o.machine, input);
    if (o.json) return io.out(JSON.stringify(m, null, 2));
    io.out(`spot check #${id}, ${m.no} ${m.hostname}: recorded`);
    for (const x of m.discrepancies) io.out(`  ${x.messageZh}`);
  });
}

export async function spotcheckUnitChecks(idText: string, o: Common & { ledger?: string; documents?: string; remark?: string }, io: Io): Promise<void> {
  const id = spotCheckId(idText);
  const input = checked(UnitChecksInput, given({ ledger: o.ledger, documents: o.documents, remark: o.remark }));
  await withSpotChecks(o, async (d) => {
    const c = await recordUnitChecks(d, 'cli', id, input);
    io.out(`spot check #${id}: 台账 ${c.ledger}, licence documents ${c.documents}`);
  });
}

export async function spotcheckClose(idText: string, o: Common, io: Io): Promise<void> {
  const id = spotCheckId(idText);
  await withSpotChecks(o, async (d) => {
    const v = await closeSpotCheck(d, 'cli', id);
    io.out(`spot check #${id} is closed: ${v.grade.words.zh}`);
  });
}

const tristate = (flag: string, what: string) => new Option(flag, what).choices(['yes', 'no', 'not-checked']);

export function registerSpotcheckCommands(program: Command, io: Io): void {
  const spotcheck = program.command('spotcheck').description('spot checks (抽查): a reproducible sample of a unit\'s machines, what was seen on site, the grade');
  const common = (c: Command) =>
    c.addOption(dbOption()).option('--stale-after <hours>', 'a machine not heard from for this long is not reporting', '48').option('--json', 'print JSON instead of text');
  common(
    spotcheck
      .command('create')
      .description("draw a sample of a unit's subtree, stratified by sub-unit and machine type, and freeze each machine's verdict")
      .requiredOption('--unit <name>', 'the unit (its subunits are drawn from too)')
      .option('--ratio <share>', 'the share to draw: 10% or 0.1 (not with --recheck-of)')
      .option('--min <n>', 'never fewer machines than this in all (at most all of them)')
      .option('--seed <text>', 'the same seed and machines draw the same sample; one is made and printed when absent')
      .option('--recheck-of <id>', 'a re-check of that spot check: its machines again, frozen now')
      .option('--grading <file>', 'grading rules as JSON (default: the built-in rules)'),
  ).action((o: CreateOptions) => spotcheckCreate(o, io));
  common(spotcheck.command('list').description('spot checks, newest first, with their grades').option('--unit <name>', "those of this unit's subtree")).action((o) => spotcheckList(o, io));
  common(spotcheck.command('show').description('one spot check: machines, on-site records, discrepancies, grade').argument('<id>', 'spot check number')).action((id: string, o: Common) => spotcheckShow(id, o, io));
  common(
    spotcheck
      .command('record')
      .description('record what was seen at one PC (replaces the earlier record; what is not given is not checked)')
      .argument('<id>', 'spot check number')
      .requiredOption('--machine <ref>', 'its number on the form (序号), machine id or host name')
      .addOption(tristate('--label <answer>', 'the OEM label or licence document matches what the agent reported'))
      .addOption(tristate('--agent-present <answer>', 'the agent is installed on the PC'))
      .addOption(tristate('--agent-reporting <answer>', 'the agent runs and reports'))
      .option('--unreported <name...>', 'software seen on the PC that the agent did not report')
      .option('--remark <text>', '备注'),
  ).action((id: string, o: RecordOptions) => spotcheckRecord(id, o, io));
  common(
    spotcheck
      .command('unit-checks')
      .description("record the unit's 台账 and licence documents checks")
      .argument('<id>', 'spot check number')
      .addOption(tristate('--ledger <answer>', 'the software ledger (台账) was checked and matches'))
      .addOption(tristate('--documents <answer>', 'the licence documents were checked and cover the installs'))
      .option('--remark <text>', '备注'),
  ).action((id: string, o) => spotcheckUnitChecks(id, o, io));
  common(spotcheck.command('close').description('close the spot check once the unit has stamped its form').argument('<id>', 'spot check number')).action((id: string, o: Common) => spotcheckClose(id, o, io));
}
