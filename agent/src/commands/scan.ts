import type { BuildSnapshot, Io } from './io.js';

/**
 * A local look at what would be reported: no config, no key, no network, no seq
 * used up. Only type imports from the shared package, since loading it costs more
 * than the whole startup budget of `scan --json`.
 */
export async function scanCommand(o: {
  io: Io;
  json: boolean;
  /** A folder recorded on another PC (inventory.json, *.reg, *.wmi) to read instead of this one. */
  from?: string;
  /** %SystemRoot% for the live Windows inventory (cli.ts reads the environment). */
  systemRoot?: string;
  buildSnapshot?: BuildSnapshot;
}): Promise<number> {
  const build = o.buildSnapshot ?? (await import('../snapshot/build.js')).buildSnapshot;
  const snapshot = await build({
    agentId: null,
    seq: 0,
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(o.systemRoot ? { windows: { systemRoot: o.systemRoot } } : {}),
  });
  if (o.json) {
    o.io.out(JSON.stringify(snapshot, null, 2));
  } else {
    const { formatSummary } = await import('../snapshot/summary.js');
    o.io.out(formatSummary(snapshot));
  }
  return 0;
}
