import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPair } from '@zhengban/shared';
import type { Command } from 'commander';
import { catalogProvider } from '../catalog/provider.js';
import { checkKitFolder, INSPECTOR_KEY, JUDGE_MJS, KIT_JSON, writeKitFiles, type KitFileSource } from '../kit/kit-files.js';
import { judgingNow } from '../kit/judging-now.js';
import { makeKit, newKitId } from '../kit/make-kit.js';
import { NotFoundError, UsageError } from '../service/errors.js';
import { registerInspector, revokeInspector } from '../service/inspector-service.js';
import { SpotCheckClosedError } from '../service/spot-check-errors.js';
import { openDatabase } from '../store/open-database.js';
import type { Store } from '../store/store.js';
import type { Io } from './io.js';
import { dbOption } from './options.js';
import { integer, unitName } from './validate.js';

/** The collector's own judge (scripts/bundle-judge.mjs), beside dist/ in a checkout and in the packages. */
const OWN_JUDGE = fileURLToPath(new URL('../../bundle/judge.mjs', import.meta.url));

interface KitCreateOptions {
  db: string;
  out: string;
  inspector: string;
  unit?: string;
  spotCheck?: string;
  trustedKms?: string[];
}

function inspectorName(text: string): string {
  const name = text.trim();
  if (!name || name.length > 200) throw new UsageError('--inspector needs the inspector\'s name (at most 200 characters)');
  return name;
}

/** The spot check the kit is for, open; its unit is the kit's unless --unit names another. */
async function spotCheckUnit(store: Store, id: number): Promise<string> {
  const row = await store.read.spotChecks.get(id);
  if (!row) throw new NotFoundError(`spot check #${id}`);
  if (row.state === 'closed') throw new SpotCheckClosedError(id);
  return row.unit;
}

/**
 * `kit create`: registers an inspector with a new key and writes the kit's own files into
 * an unpacked kit folder (or any folder): kit.json, inspector.key and this collector's
 * judge.mjs, so the kit judges by the rules of the collector that made it.
 */
export async function kitCreate(o: KitCreateOptions, io: Io, now = new Date()): Promise<void> {
  const name = inspectorName(o.inspector);
  const spotCheck = o.spotCheck === undefined ? undefined : integer(o.spotCheck, '--spot-check', 1);
  const given = o.unit === undefined ? undefined : unitName(o.unit);
  const dir = resolve(o.out);
  const judge = existsSync(OWN_JUDGE) ? OWN_JUDGE : undefined;
  if (!judge && !existsSync(resolve(dir, JUDGE_MJS))) throw new UsageError(`this collector has no ${OWN_JUDGE} (npm run build makes it) and ${dir} has no ${JUDGE_MJS}`);
  const store = await openDatabase(o.db);
  try {
    const unitText = given ?? (spotCheck === undefined ? undefined : await spotCheckUnit(store, spotCheck));
    if (spotCheck !== undefined && given !== undefined) await spotCheckUnit(store, spotCheck);
    const unit = unitText === undefined ? undefined : await store.read.units.findByName(unitText);
    if (unitText !== undefined && !unit) throw new NotFoundError(`unit "${unitText}"`);
    await checkKitFolder(dir);
    const catalog = await catalogProvider(store)();
    const trustedKmsHosts = (o.trustedKms ?? []).map((h) => h.trim()).filter(Boolean);
    const judging = await judgingNow(store, catalog, { unitId: unit?.id ?? null, trustedKmsHosts });
    const keys = generateKeyPair();
    const inspector = await registerInspector(store, {
      name, publicKey: keys.publicKeyPem, kitId: newKitId(), unit: unit?.name ?? null,
      spotCheckId: spotCheck === undefined ? null : String(spotCheck), createdAt: now.toISOString(), actor: 'cli',
    });
    const files: KitFileSource[] = [
      { name: KIT_JSON, mode: 0o644, text: `${JSON.stringify(makeKit(inspector, judging, catalog.version))}\n` },
      { name: INSPECTOR_KEY, mode: 0o600, text: keys.privateKeyPem },
      ...(judge ? [{ name: JUDGE_MJS, mode: 0o644, from: judge }] : []),
    ];
    try {
      await writeKitFiles(dir, files);
    } catch (err) {
      // Nobody holds this key: the inspector is revoked rather than left to look usable.
      await revokeInspector(store, inspector.id, { actor: 'cli', at: new Date().toISOString() });
      throw err;
    }
    io.out(`inspector #${inspector.id} ${name} registered with kit ${inspector.kitId}`);
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    io.out(`  unit ${inspector.unit ?? '(none: no licences carried)'}, ${count(judging.licences.length, 'licence', 'licences')}, ${count(judging.lists.length, 'list entry', 'list entries')}, catalog ${catalog.version}${spotCheck ? `, spot check #${spotCheck}` : ''}`);
    io.out(`  wrote ${files.map((f) => f.name).join(', ')} into ${dir}; inspector.key signs this inspector's scans: keep the stick safe, revoke it if lost`);
  } finally {
    await store.close();
  }
}

export async function inspectorList(o: { db: string }, io: Io): Promise<void> {
  const store = await openDatabase(o.db);
  try {
    io.out(['id', 'name', 'kit', 'unit', 'spot check', 'created', 'state'].join('\t'));
    for (const i of await store.read.inspectors.list()) {
      io.out([i.id, i.name, i.kitId, i.unit ?? '-', i.spotCheckId ?? '-', i.createdAt, i.revokedAt ? `revoked ${i.revokedAt}` : 'active'].join('\t'));
    }
  } finally {
    await store.close();
  }
}

export async function inspectorRevoke(id: string, o: { db: string }, io: Io, now = new Date()): Promise<void> {
  const n = integer(id, 'ID', 1);
  const store = await openDatabase(o.db);
  try {
    const at = now.toISOString();
    const inspector = await revokeInspector(store, n, { actor: 'cli', at });
    if (!inspector) throw new NotFoundError(`inspector #${n}`);
    io.out(inspector.revokedAt === at
      ? `inspector #${n} ${inspector.name} revoked: scans signed with kit ${inspector.kitId} are refused from now on`
      : `inspector #${n} ${inspector.name} was already revoked at ${inspector.revokedAt}`);
  } finally {
    await store.close();
  }
}

export function registerKitCommands(program: Command, io: Io): void {
  const kit = program.command('kit').description('inspector kits: the agent on a USB stick for spot checks where no collector is reachable');
  kit
    .command('create')
    .description('register an inspector and write kit.json, inspector.key and judge.mjs into an unpacked kit folder')
    .addOption(dbOption())
    .requiredOption('--out <dir>', 'the unpacked kit folder (zhengban-inspector-kit-<version>), or an empty folder')
    .requiredOption('--inspector <name>', 'the inspector\'s name, printed on the sheets')
    .option('--unit <name>', 'the unit whose licences the kit judges with (default: the spot check\'s unit)')
    .option('--spot-check <id>', 'the spot check the kit\'s scans belong to')
    .option('--trusted-kms <host...>', 'KMS hosts of the organisation, as given to serve')
    .action((o: KitCreateOptions) => kitCreate(o, io));

  const inspector = program.command('inspector').description('inspectors registered by kit create');
  inspector.command('list').description('list inspectors and their kits').addOption(dbOption()).action((o: { db: string }) => inspectorList(o, io));
  inspector
    .command('revoke')
    .description('refuse the scans of an inspector\'s kit from now on (a lost stick)')
    .argument('<id>', 'inspector id, as inspector list shows it')
    .addOption(dbOption())
    .action((id: string, o: { db: string }) => inspectorRevoke(id, o, io));
}
