import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { ConfigLocation } from '../config/paths.js';
import { runExport } from '../offline/export.js';
import { runMerge } from '../offline/merge.js';
import type { BundleManifest } from '@zhengban/shared';
import { liveBuilder, type BuildSnapshot, type Io, type WindowsOptions } from './io.js';

function describe(m: BundleManifest): string {
  const snapshots = m.agents.reduce((n, a) => n + a.count, 0);
  const parts = [`${snapshots} snapshot(s) of ${m.agents.length} machine(s)`];
  if (m.enrollments) parts.push(`${m.enrollments} enrollment request(s)`);
  if (m.inspections) parts.push(`${m.inspections} inspection(s)`);
  return parts.join(', ');
}

/** `export --out FILE`: the spool and a fresh snapshot, as a bundle for removable media. */
export async function exportCommand(o: {
  io: Io;
  location: ConfigLocation;
  out: string;
  fresh: boolean;
  cwd?: string;
  buildSnapshot?: BuildSnapshot;
  windows?: WindowsOptions;
}): Promise<number> {
  const config = await loadConfig(o.location);
  const buildSnapshot = await liveBuilder(o.buildSnapshot, o.windows);
  const out = resolve(o.cwd ?? process.cwd(), o.out);
  const done = await runExport({ config, out, fresh: o.fresh, buildSnapshot, warn: (l) => o.io.err(`zhengban-agent: ${l}`) });
  const mine = done.manifest.agents[0];
  const seqs = mine ? `, seq ${mine.seqFrom}–${mine.seqTo}` : '';
  o.io.out(`wrote ${done.file}: ${describe(done.manifest)}${seqs}`);
  o.io.out(`sha256 ${done.manifest.sha256}`);
  o.io.out('carry it to the collector and run: zhengban-collector import FILE');
  return 0;
}

/** `bundle merge --out FILE IN…`: a relay gathers a network's bundles into one. */
export async function mergeCommand(o: { io: Io; inputs: string[]; out: string; network?: string | undefined; cwd?: string }): Promise<number> {
  const cwd = o.cwd ?? process.cwd();
  const done = await runMerge({
    paths: o.inputs.map((p) => resolve(cwd, p)),
    out: resolve(cwd, o.out),
    network: o.network,
    createdBy: `merge on ${hostname()}`,
    now: new Date(),
  });
  const dup = done.duplicates ? `; ${done.duplicates} line(s) found twice were written once` : '';
  o.io.out(`wrote ${done.file} from ${done.inputs} bundle(s): ${describe(done.manifest)}${dup}`);
  o.io.out(`sha256 ${done.manifest.sha256}`);
  return 0;
}
