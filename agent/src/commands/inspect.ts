import { resolve } from 'node:path';
import { bundleText, sealInspection, INSPECTION_VERSION, type InspectionRecord } from '@zhengban/shared';
import { loadKit } from '../inspect/kit.js';
import { checkResultsFolder, resultStem, writeResults } from '../inspect/results.js';
import { liveBuilder, type BuildSnapshot, type Io, type WindowsOptions } from './io.js';

/**
 * `inspect`: an inspector's scan of a PC that is not enrolled, run from the kit on a USB
 * stick. The kit (kit.json, inspector.key, judge.mjs) is checked first and the results
 * folder tried, so a bad kit or a read-only stick costs no scan; then this PC is scanned
 * (or a recorded folder, `--from`), judged by the kit's judge.mjs as the collector would
 * judge it today, signed with the inspector's key, and written as a bundle and a
 * printable sheet into the results folder. Nothing is read from or written to the
 * agent's config, state, key or spool, and nothing is written outside that folder.
 */
export async function inspectCommand(o: {
  io: Io;
  kitDir: string;
  out: string;
  from?: string;
  cwd?: string;
  now?: () => Date;
  buildSnapshot?: BuildSnapshot;
  windows?: WindowsOptions;
}): Promise<number> {
  const cwd = o.cwd ?? process.cwd();
  const now = o.now ?? (() => new Date());
  const kit = await loadKit(resolve(cwd, o.kitDir));
  const outDir = resolve(cwd, o.out);
  await checkResultsFolder(outDir);

  const build = await liveBuilder(o.buildSnapshot, o.windows);
  const snapshot = await build({ agentId: null, seq: 0, ...(o.from !== undefined ? { from: resolve(cwd, o.from) } : {}) });
  const inspectedAt = now();
  // As `scan --from`, a recording is judged as of its own time; a live scan's is now.
  const verdict = kit.judge.judgeOnSite(snapshot, kit.kit, new Date(snapshot.collectedAt));
  const record: InspectionRecord = {
    version: INSPECTION_VERSION,
    kitId: kit.kit.kitId,
    inspectorId: kit.kit.inspector.id,
    inspectedAt: inspectedAt.toISOString(),
    unit: kit.kit.unit,
    spotCheckId: kit.kit.spotCheckId,
    catalogVersion: kit.kit.catalogVersion,
    rulesVersion: kit.kit.rulesVersion,
    verdict,
    snapshot,
  };
  const line = JSON.stringify(sealInspection(record, kit.key));
  const bundle = bundleText([line], { createdAt: record.inspectedAt, createdBy: `inspector ${record.inspectorId}`, network: '' });
  const written = await writeResults(outDir, resultStem(snapshot.machine.hostname, inspectedAt), { bundle, sheet: kit.judge.inspectionSheet(record, kit.kit) });

  o.io.out(kit.judge.verdictLine(record));
  o.io.out(`检查表 sheet:  ${written.sheet}`);
  o.io.out(`签名记录 record: ${written.bundle}`);
  return 0;
}
