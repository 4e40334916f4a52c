// A large county for the benchmarks that read the whole fleet (reports, dashboard): S
// machines reported through the real path, cloned in SQL to N (each with findings of its
// own), spread over U units below the county.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openCollector } from '../sample-data/collector-client.mjs';
import { COUNTY } from '../sample-data/county.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { cloneFleet } from './clone-fleet.mjs';
import { seedFleet } from './seed-fleet.mjs';

/**
 * A benchmark over the county: with `--serve DB RUNS` (how it starts itself) the
 * collector's side, `serve(db, runs)`, run in a process of its own and its result sent
 * back; otherwise the options read, the county built and that process started, and
 * `print(result, runs)` given what it measured.
 */
export async function countyBench({ name, script, reported, runs = '3', execArgv = [], serve, print }) {
  if (process.argv[2] === '--serve') {
    const result = await serve(process.argv[3], Number(process.argv[4]));
    process.send(result, () => process.exit(0));
    return;
  }
  const { values: o } = parseArgs({
    options: {
      machines: { type: 'string', default: '100000' },
      units: { type: 'string', default: '1000' },
      'seed-machines': { type: 'string', default: '300' },
      runs: { type: 'string', default: runs },
      keep: { type: 'string' },
    },
  });
  const [N, U, S, R] = [o.machines, o.units, o['seed-machines'], o.runs].map(Number);
  if (![N, U, S, R].every((x) => Number.isInteger(x) && x > 0) || N < S) {
    console.error(`${name}: --machines, --units, --seed-machines and --runs must be whole numbers above 0, machines >= seed machines`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-bench-'));
  const db = o.keep ?? join(dir, 'bench.db');
  try {
    console.log(await buildCounty(db, { machines: N, units: U, seedMachines: S, reported }));
    const child = fork(script, ['--serve', db, String(R)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const result = await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`collector process exited ${code}`)));
    });
    print(result, R);
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the county in `db`; returns the line the benchmark prints about it. */
export async function buildCounty(db, { machines, units, seedMachines, reported }) {
  const clock = { now: reported };
  const t0 = performance.now();
  const seeder = await openCollector(db, clock);
  const unitIds = await seedFleet(seeder, clock, seededRandom('bench'), seedMachines);
  await seeder.close();
  cloneFleet(db, machines, new Date(reported.getTime() + 11 * 3_600_000));
  spreadOverUnits(db, unitIds.get(COUNTY), units, reported);
  return `fleet: ${seedMachines} machines reported, cloned to ${machines} over ${units} units below ${COUNTY} in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

/** U units below the county, and every clone moved into one of them in turn. */
export function spreadOverUnits(file, countyId, units, reported) {
  const db = new Database(file);
  try {
    db.transaction(() => {
      const add = db.prepare("INSERT INTO units (name, parent_id, kind, headcount, created_at, updated_at) VALUES (?, ?, 'department', ?, ?, ?)");
      const ids = [];
      for (let i = 0; i < units; i++) ids.push(add.run(`bench-unit-${String(i).padStart(4, '0')}`, countyId, 50 + (i % 200), reported.toISOString(), reported.toISOString()).lastInsertRowid);
      const move = db.prepare('UPDATE agents SET unit_id = ? WHERE rowid = ?');
      const clones = db.prepare("SELECT rowid FROM agents WHERE id LIKE 'bench-%' ORDER BY rowid").all();
      clones.forEach((c, i) => move.run(ids[i % ids.length], c.rowid));
    })();
  } finally {
    db.close();
  }
}
