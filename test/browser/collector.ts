import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A real collector for the browser to talk to: the sample county (scripts/sample-data)
// built into a fresh database, then served by the built collector in a child process
// on 127.0.0.1 with a free port. Needs `npm run build` first (the dashboard included).

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Collector {
  url: string;
  admin: string;
  viewer: string;
  viewerUnit: string;
  stop(): Promise<void>;
}

export function buildSample(dir: string, machines = 60): string {
  const db = join(dir, 'sample.db');
  const run = spawnSync(process.execPath, [join(root, 'scripts/sample-data/index.mjs'), '--db', db, '--machines', String(machines)], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`sample-data exited ${run.status}: ${run.stderr}`);
  return db;
}

export function startCollector(db: string): Promise<Collector> {
  const child = spawn(process.execPath, [join(root, 'test/browser/serve-collector.mjs'), db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ ...(JSON.parse(line) as Omit<Collector, 'stop'>), stop: () => stop(child) });
    });
    child.on('exit', (code) => reject(new Error(`collector exited ${code} before listening: ${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
