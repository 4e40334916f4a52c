// The ingest bench's fleet: the county's seed machines reported through the real path
// with their software lists padded to the two sizes measured (150 and 800 programs),
// cloned in SQL to N machines, spread over units, and every clone given a key pair of
// its own, so the bench can sign as each of them. What it returns is what the load needs
// to send each clone its next snapshot: the clone's id, seq, hostname and private key,
// and the seed snapshot its state was copied from.
import { generateKeyPairSync } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { buildApp, countTrendDay, missingTrendDays, openStore } from '@zhengban/collector';
import { openCollector } from '../sample-data/collector-client.mjs';
import { COUNTY } from '../sample-data/county.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { cloneFleet } from './clone-fleet.mjs';
import { spreadOverUnits } from './county-fleet.mjs';
import { seedFleet } from './seed-fleet.mjs';

export const SIZES = [150, 800];

/** Program `i` of the padding: a name no catalog rule knows, so it adds rows, not verdicts. */
export const filler = (like, i, tag = '') => ({ ...like, name: `办公辅助组件 ${tag}${i}`, version: `1.${i % 50}.${i}`, publisher: `Bench Vendor ${i % 40}` });

/** The list cut or padded to `n` programs; padding copies the last program's fields (source, scope) so it fits the platform. */
function padTo(list, n) {
  const out = list.slice(0, n);
  const like = list.at(-1) ?? { name: '', version: '1', source: 'registry:HKLM', scope: 'machine' };
  for (let i = out.length; i < n; i++) out.push(filler(like, i));
  return out;
}

/**
 * Builds the fleet in `db` (seeds reported at `reported`, clones first seen after) and
 * returns `{ line, agents, templates }`: the line the bench prints, the clones, and the
 * seed snapshots by id, parsed.
 */
export async function buildIngestFleet(db, { machines, units, seedMachines, reported }) {
  const t0 = performance.now();
  const clock = { now: reported };
  const seeder = await openCollector(db, clock);
  const unitIds = await seedFleet(seeder, clock, seededRandom('bench-ingest'), seedMachines, { software: (i, list) => padTo(list, SIZES[i % SIZES.length]) });
  await seeder.close();
  const seeded = performance.now();
  cloneFleet(db, machines, new Date(reported.getTime() + 11 * 3_600_000));
  spreadOverUnits(db, unitIds.get(COUNTY), units, reported);
  const cloned = performance.now();
  const fleet = rekey(db);
  const keyed = performance.now();
  await countTrend(db);
  const s = (a, b) => ((b - a) / 1000).toFixed(1);
  const line = `fleet: ${seedMachines} machines reported (${s(t0, seeded)} s), cloned to ${machines} over ${units} units (${s(seeded, cloned)} s), ${fleet.agents.length} keys made (${s(cloned, keyed)} s), trend days counted (${s(keyed, performance.now())} s)`;
  return { line, ...fleet };
}

/**
 * The dashboard trend's past days, counted as a running collector has them: `serve`
 * counts a missing day in the background (half a second each at 100,000 machines),
 * which a collector in its steady state has long done.
 */
async function countTrend(file) {
  const app = await buildApp({ store: openStore(file) });
  try {
    const trend = { ...app.registry, staleAfterMs: 48 * 3_600_000 };
    for (const day of await missingTrendDays(trend)) await countTrendDay(trend, day);
  } finally {
    await app.close();
  }
}

/**
 * A key pair for every clone. A clone's facts stay its seed's, host name included: its
 * next snapshot then repeats the state its verdict was judged from, as a real PC's does.
 */
function rekey(file) {
  const db = new Database(file);
  try {
    const rows = db.prepare("SELECT id, hostname, last_seq AS seq, last_snapshot_id AS template FROM agents WHERE id LIKE 'bench-%' ORDER BY rowid").all();
    const templates = new Map(
      db
        .prepare('SELECT * FROM snapshots WHERE snapshot_id IN (SELECT DISTINCT last_snapshot_id FROM agents)')
        .all()
        // Kept gzipped since migration 13, as text before (a collector from before is measured too).
        .map((r) => [r.snapshot_id, JSON.parse(r.payload || gunzipSync(r.payload_gz).toString('utf8'))]),
    );
    const setKey = db.prepare('UPDATE agents SET public_key = ? WHERE id = ?');
    const agents = [];
    db.transaction(() => {
      for (const r of rows) {
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        setKey.run(publicKey.export({ type: 'spki', format: 'pem' }).toString(), r.id);
        agents.push({ ...r, key: privateKey, size: templates.get(r.template).software.length });
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { agents, templates };
  } finally {
    db.close();
  }
}
