import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { renderReport } from '../reports/formats/index.js';
import { ReportName, type ReportFormat, type ReportLang } from '../schema/reports.js';
import { UsageError } from '../service/errors.js';
import { makeReport } from '../service/report-service.js';
import type { Io } from './io.js';
import { dbOption } from './options.js';
import { withRegistry } from './registry-context.js';
import { integer } from './validate.js';

const REPORTS: readonly ReportName[] = ReportName.anyOf.map((s) => s.const);
const isReportName = (name: string): name is ReportName => (REPORTS as readonly string[]).includes(name);

interface ReportOptions {
  db: string;
  unit?: string;
  asOf?: string;
  since?: string;
  spotCheck?: string;
  format: ReportFormat;
  lang: ReportLang;
  out?: string;
  staleAfter: string;
}

/**
 * A report to a file (written whole or not at all: a temporary file beside it, then
 * renamed) or, for JSON and CSV, to stdout. The figures are the HTTP API's: the same
 * service makes them.
 */
async function report(name: ReportName, o: ReportOptions, io: Io): Promise<void> {
  if ((o.format === 'xlsx' || o.format === 'docx') && !o.out) throw new UsageError(`an ${o.format.toUpperCase()} report is a binary file: give --out FILE`);
  const staleAfterMs = integer(o.staleAfter, '--stale-after', 1, 24 * 365) * 3_600_000;
  const spotCheck = o.spotCheck === undefined ? undefined : integer(o.spotCheck, '--spot-check', 1);
  await withRegistry(o.db, async (deps) => {
    const table = await makeReport({ ...deps, staleAfterMs }, 'cli', {
      name, lang: o.lang, ...(o.unit ? { unit: o.unit } : {}), ...(o.asOf ? { asOf: o.asOf } : {}), ...(o.since ? { since: o.since } : {}),
      ...(spotCheck === undefined ? {} : { spotCheck }),
    });
    const file = await renderReport(table, o.format, o.lang);
    if (!o.out) return io.out(file.body.toString('utf8').replace(/\r?\n$/, ''));
    const tmp = join(dirname(o.out), `.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, file.body);
      await rename(tmp, o.out);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    io.err(`wrote ${o.out} (${file.body.length} bytes): ${table.title[o.lang]}, ${table.rows.length} rows, as of ${table.asOf}`);
  });
}

export function registerReportCommands(program: Command, io: Io): void {
  program
    .command('report')
    .description('a campaign form for a unit and its subtree: statistics (软件正版化工作情况统计表), responsibles (责任人信息汇总表), notice (通报), machine-sheets (计算机软件安装情况检查表), procurement (软件采购需求表), annual (年度报告), ledger (软件资产台账: 附表1–3), spotcheck-register (计算机软件安装抽查登记表), spotcheck-summary (抽查情况汇总表)')
    .argument('<name>', `the report: ${REPORTS.join(', ')}`)
    .addOption(dbOption())
    .option('--unit <name>', 'the unit (default: the only top-level unit, or all units)')
    .option('--as-of <date>', 'YYYY-MM-DD (end of that day, China time) or an ISO date-time; default now')
    .option('--since <date>', 'notice: the earlier date to compare with (the last notice); ledger: where its installs and removals start (default: the year\'s start)')
    .option('--spot-check <id>', "spotcheck-register, spotcheck-summary: the spot check (default: the unit's latest)")
    .addOption(new Option('--format <format>', 'json, csv, xlsx, or docx (the notice, the spot check register)').choices(['json', 'csv', 'xlsx', 'docx']).default('json'))
    .addOption(new Option('--lang <lang>', 'headings in Chinese or English').choices(['zh', 'en']).default('zh'))
    .option('--out <file>', 'write to this file instead of stdout (required for xlsx)')
    .option('--stale-after <hours>', 'a machine not heard from for this long is not reporting', '48')
    .action(async (name: string, o: ReportOptions) => {
      if (!isReportName(name)) throw new UsageError(`unknown report "${name}"; reports: ${REPORTS.join(', ')}`);
      await report(name, o, io);
    });
}
