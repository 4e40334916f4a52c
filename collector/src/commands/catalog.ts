import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { assertValid, parseJson } from '@zhengban/shared';
import type { TSchema } from 'typebox';
import { CatalogOverride, CatalogProduct, MatchSubject, type CatalogProductView, type MatchRule } from '../schema/catalog.js';
import { CatalogCheckSubject, checkSubject } from '../service/catalog-check.js';
import { addProduct, getProduct, overrideProduct, removeProduct, resetOverride, viewCatalog } from '../service/catalog-service.js';
import { UsageError } from '../service/errors.js';
import type { RejudgeSummary } from '../service/rejudge-types.js';
import type { Io } from './io.js';
import { dbOption } from './options.js';
import { checked, given, printRejudged } from './org-cli.js';
import { withRegistry } from './registry-context.js';

type Db = { db: string };
type Written = { product: CatalogProductView; rejudged: RejudgeSummary };

/** Reads and checks a JSON file before the database is opened, so a bad file writes nothing. */
function readJson<T extends TSchema>(file: string | undefined, schema: T, what: string) {
  if (!file) throw new UsageError('--file is required');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--file: cannot read ${file}: ${(err as Error).message}`);
  }
  return assertValid(schema, parseJson(text, file), what);
}

function said(io: Io, what: string, r: Written): void {
  io.out(`${what}; catalog product ${r.product.id} is now ${r.product.origin}`);
  printRejudged(io, r.rejudged);
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function ruleText(r: MatchRule): string {
  const fields = (['name', 'publisher', 'version', 'edition', 'osId', 'notName'] as const)
    .filter((f) => r[f] !== undefined)
    .map((f) => `${f}=/${r[f]}/`);
  return [`  ${r.id}`, `on ${r.on}`, ...fields].join('\t');
}

function showProduct(p: CatalogProductView, io: Io): void {
  io.out(`${p.id}\t${p.name}\t${p.nameZh}`);
  io.out(`category\t${p.category}`);
  io.out(`vendor\t${p.vendor}${p.vendorZh ? ` (${p.vendorZh})` : ''}`);
  io.out(`domestic\t${yesNo(p.domestic)}`);
  io.out(`licence\t${p.licence}`);
  io.out(`origin\t${p.origin}`);
  if (p.notes) io.out(`notes\t${p.notes}`);
  io.out(`editions (${p.editions?.length ?? 0}):`);
  for (const e of p.editions ?? []) io.out([`  ${e.id}`, e.name, e.nameZh, `/${e.pattern}/`, e.licence ?? ''].join('\t').trimEnd());
  io.out(`rules (${p.rules.length}):`);
  for (const r of p.rules) io.out(ruleText(r));
  if (p.override?.disableRules?.length) io.out(`switched off by the override: ${p.override.disableRules.join(', ')}`);
}

interface CheckOptions extends Db {
  on: string;
  name: string;
  publisher?: string;
  version?: string;
  edition?: string;
  osId?: string;
  path?: string;
  value?: string;
  json?: boolean;
}

export async function catalogCheck(o: CheckOptions, io: Io): Promise<void> {
  const subject = checked(
    CatalogCheckSubject,
    given({ on: o.on, name: o.name, publisher: o.publisher, version: o.version, edition: o.edition, osId: o.osId, path: o.path, value: o.value }),
  );
  await withRegistry(o.db, async (deps) => {
    const result = await checkSubject(deps, subject);
    if (o.json) return io.out(JSON.stringify(result, null, 2));
    const r = result.recognised;
    if (!r) return io.out(`not recognised by catalog ${result.version}`);
    io.out(`product\t${r.productId}\t${r.product}\t${r.productZh}\t(${r.category})`);
    io.out(`rule\t${r.ruleId}`);
    io.out(`edition\t${r.edition ? `${r.edition.id}\t${r.edition.name}` : '-'}`);
    io.out(`release\t${r.release ?? '-'}`);
    io.out(`licence\t${r.licence}`);
    io.out(`catalog\t${result.version}`);
  });
}

export function registerCatalogCommands(program: Command, io: Io): void {
  const catalog = program.command('catalog').description('the product catalog: built-in products, overrides and custom products');
  catalog
    .command('list')
    .description('list products')
    .addOption(dbOption())
    .addOption(new Option('--category <category>', 'only this category').choices(['os', 'office', 'antivirus', 'other']))
    .option('--json', 'print JSON instead of a table')
    .action((o: Db & { category?: string; json?: boolean }) =>
      withRegistry(o.db, async (deps) => {
        const view = await viewCatalog(deps);
        const products = view.products.filter((p) => o.category === undefined || p.category === o.category);
        if (o.json) return io.out(JSON.stringify({ version: view.version, products }, null, 2));
        io.out(['id', 'category', 'name', 'vendor', 'domestic', 'licence', 'origin'].join('\t'));
        for (const p of products) io.out([p.id, p.category, p.name, p.vendor, yesNo(p.domestic), p.licence, p.origin].join('\t'));
      }),
    );

  catalog
    .command('show')
    .description('one product: editions and rules')
    .argument('<id>', 'product id')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action((id: string, o: Db & { json?: boolean }) =>
      withRegistry(o.db, async (deps) => {
        const p = await getProduct(deps, id);
        if (o.json) io.out(JSON.stringify(p, null, 2));
        else showProduct(p, io);
      }),
    );

  catalog
    .command('export')
    .description('the effective catalog as JSON (version and every product)')
    .addOption(dbOption())
    .action((o: Db) => withRegistry(o.db, async (deps) => io.out(JSON.stringify(await viewCatalog(deps), null, 2))));

  catalog
    .command('override')
    .description('override a built-in product with a CatalogOverride JSON file; re-judges every machine')
    .argument('<id>', 'built-in product id')
    .addOption(dbOption())
    .requiredOption('--file <file>', 'override JSON: name, licence, addRules, disableRules …')
    .action((id: string, o: Db & { file: string }) => {
      const override = readJson(o.file, CatalogOverride, o.file);
      return withRegistry(o.db, async (deps) => said(io, `override of ${id} stored`, await overrideProduct(deps, 'cli', id, override)));
    });

  catalog
    .command('reset')
    .description("drop a product's override: back to the built-in product")
    .argument('<id>', 'product id')
    .addOption(dbOption())
    .action((id: string, o: Db) => withRegistry(o.db, async (deps) => said(io, `override of ${id} removed`, await resetOverride(deps, 'cli', id))));

  catalog
    .command('add')
    .description('add a custom product from a CatalogProduct JSON file; re-judges every machine')
    .addOption(dbOption())
    .requiredOption('--file <file>', 'product JSON')
    .action((o: Db & { file: string }) => {
      const product = readJson(o.file, CatalogProduct, o.file);
      return withRegistry(o.db, async (deps) => said(io, `product ${product.id} added`, await addProduct(deps, 'cli', product)));
    });

  catalog
    .command('remove')
    .description('remove a custom product')
    .argument('<id>', 'custom product id')
    .addOption(dbOption())
    .action((id: string, o: Db) =>
      withRegistry(o.db, async (deps) => {
        const r = await removeProduct(deps, 'cli', id);
        io.out(`custom product ${r.product.id} removed`);
        printRejudged(io, r.rejudged);
      }),
    );

  catalog
    .command('check')
    .description('what the catalog recognises a name as (try a rule before relying on it)')
    .addOption(dbOption())
    .addOption(new Option('--on <list>', 'which list the name comes from').choices(MatchSubject.anyOf.map((l) => l.const)).default('software'))
    .requiredOption('--name <name>', 'the name as an agent reports it (a service or process name, task path, file path, registry key\\name or KMS host for the trace lists)')
    .option('--publisher <publisher>', 'publisher or vendor')
    .option('--version <version>', 'version')
    .option('--edition <edition>', 'edition (os, office)')
    .option('--os-id <id>', 'os-release ID (os only)')
    .option('--path <command>', "a service's or task's command line (service, task)")
    .option('--value <value>', 'a registry value (registry)')
    .option('--json', 'print JSON')
    .action((o: CheckOptions) => catalogCheck(o, io));
}
