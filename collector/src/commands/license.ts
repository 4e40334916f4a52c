import { Option, type Command } from 'commander';
import type { Io } from './io.js';
import {
  licenceAdd,
  licenceDelete,
  licenceDocument,
  licenceEvent,
  licenceEventList,
  licenceExport,
  licenceImport,
  licenceList,
  licenceShow,
  licenceUpdate,
} from './license-actions.js';
import { dbOption } from './options.js';

const MODELS = ['oem', 'retail', 'mak', 'kms', 'subscription', 'site', 'network', 'open-source', 'free'];
const json = () => new Option('--json', 'print JSON instead of a table');

/** The options of `add` (all but --product, --model and --unit optional) and of `update` (all optional, `--no-x` clears x). */
function licenceOptions(cmd: Command, mode: 'add' | 'update'): Command {
  const required = mode === 'add';
  const model = new Option('--model <model>', 'how it was licensed').choices(MODELS);
  cmd
    .addOption(dbOption())
    .addOption(required ? model.makeOptionMandatory() : model)
    .option('--edition <id>', 'catalog edition id (e.g. pro, professional-plus); default any edition')
    .option('--version-from <release>', 'lowest release covered (e.g. 10, 2016)')
    .option('--version-to <release>', 'highest release covered (e.g. 11, 2021)')
    .option('--downgrade', 'downgrade rights: releases older than --version-from are covered too')
    .option('--kms-host <host...>', "the organisation's KMS host(s), for a kms licence")
    .option('--seats <n>', 'number of seats, or unlimited')
    .option('--valid-from <date>', 'first day covered, YYYY-MM-DD')
    .option('--valid-until <date>', 'last day covered, YYYY-MM-DD')
    .option('--vendor <name>', 'supplier (供应商)')
    .option('--purchase-order <no>', 'purchase order number (采购订单号)')
    .option('--price <yuan>', 'total price in yuan, to the fen')
    .option('--notes <text>', 'notes (备注)');
  if (required) {
    cmd.requiredOption('--product <id>', 'catalog product id (e.g. windows, ms-office, wps-office)');
    cmd.requiredOption('--unit <unit>', 'unit name or id; the licence covers it and the units below it');
  } else {
    cmd.option('--product <id>', 'catalog product id').option('--unit <unit>', 'unit name or id');
    cmd.option('--no-downgrade', 'no downgrade rights').option('--no-kms-host', 'no KMS hosts (when the model changes from kms)');
    for (const flag of ['edition', 'version-from', 'version-to', 'valid-from', 'valid-until', 'vendor', 'purchase-order', 'price', 'notes']) {
      cmd.option(`--no-${flag}`, `clear --${flag}`);
    }
  }
  return cmd;
}

export function registerLicenseCommands(program: Command, io: Io): void {
  const license = program.command('license').alias('licence').description('the licence registry (entitlements): licences, their events and documents, the CSV ledger');

  license
    .command('list')
    .description('list licences')
    .addOption(dbOption())
    .option('--product <id>', 'only this catalog product')
    .option('--unit <unit>', 'only licences of this unit and the units below it (name or id)')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--offset <n>', 'skip this many', '0')
    .addOption(json())
    .action((o) => licenceList(o, io));
  license
    .command('show')
    .description('show one licence')
    .argument('<licence-id>')
    .addOption(dbOption())
    .addOption(json())
    .action((id, o) => licenceShow(id, o, io));
  licenceOptions(license.command('add').description('record a licence; re-judges its product'), 'add').action((o) => licenceAdd(o, io));
  licenceOptions(license.command('update').description('change a licence; re-judges its product').argument('<licence-id>'), 'update').action((id, o) =>
    licenceUpdate(id, o, io),
  );
  license
    .command('delete')
    .description('delete a licence entered by mistake (a licence that ends is disposed of with an event)')
    .argument('<licence-id>')
    .addOption(dbOption())
    .action((id, o) => licenceDelete(id, o, io));
  license
    .command('import')
    .description('load a ledger CSV (English or Chinese headers, UTF-8 or GB18030): all rows or none')
    .argument('<file>', 'the CSV file')
    .addOption(dbOption())
    .action((file, o) => licenceImport(file, o, io));
  license
    .command('export')
    .description('write every licence as CSV (UTF-8 with BOM, opens in Excel)')
    .addOption(dbOption())
    .addOption(new Option('--lang <lang>', 'header language').choices(['en', 'zh']).default('en'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action((o) => licenceExport(o, io));
  license
    .command('event')
    .description('record a dated event: renewal sets --valid-until, upgrade --version-to, disposal takes seats away')
    .argument('<licence-id>')
    .addOption(dbOption())
    .addOption(new Option('--kind <kind>', 'what happened').choices(['purchase', 'install', 'upgrade', 'renewal', 'disposal']).makeOptionMandatory())
    .addOption(new Option('--disposal <how>', 'for a disposal: 转让 transfer, 捐赠 donation, 调剂 reallocation, 报废 scrap').choices(['transfer', 'donation', 'reallocation', 'scrap']))
    .requiredOption('--date <date>', 'the day it happened, YYYY-MM-DD')
    .option('--seats <n>', 'seats disposed of (default all that remain), or bought/installed')
    .option('--to-unit <unit>', 'for a reallocation: the receiving unit (name or id)')
    .option('--valid-until <date>', 'for a renewal: the new last day')
    .option('--version-to <release>', 'for an upgrade: the new highest release')
    .option('--notes <text>', 'notes')
    .action((id, o) => licenceEvent(id, o, io));
  license
    .command('events')
    .description("list a licence's events")
    .argument('<licence-id>')
    .addOption(dbOption())
    .addOption(json())
    .action((id, o) => licenceEventList(id, o, io));
  license
    .command('document')
    .description('store the licence document (授权文本) from FILE, or fetch it with --out FILE')
    .argument('<licence-id>')
    .argument('[file]', 'the file to store (at most 10 MiB)')
    .addOption(dbOption())
    .option('--out <file>', 'write the stored document here')
    .option('--media-type <type>', 'media type of FILE (default by its extension)')
    .action((id, file, o) => licenceDocument(id, file, o, io));
}
