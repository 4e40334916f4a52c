import { loadConfig } from '../config/load.js';
import type { ConfigLocation } from '../config/paths.js';
import { isOfflineEnrolled } from '../offline/enrollment-file.js';
import { Spool } from '../spool/spool.js';
import { loadState } from '../state/state-file.js';
import type { Io } from './io.js';

export interface StatusData {
  configFile: string;
  configSource: ConfigLocation['source'];
  configExists: boolean;
  stateDir: string;
  enrolled: boolean;
  agentId: string | null;
  unit: string | null;
  /** Enrolled offline: snapshots leave in bundles; the network named in the token file. */
  offline: boolean;
  network: string | null;
  serverUrl: string | null;
  caFile: string | null;
  keyFile: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastStatus: string | null;
  lastSeq: number;
  spoolDepth: number;
  rejectedCount: number;
}

/** Local facts only: `status` must answer even when the collector is down. */
export async function readStatus(location: ConfigLocation): Promise<StatusData> {
  const config = await loadConfig(location);
  const state = await loadState(config.stateFile);
  const offline = config.agentId !== null && config.serverUrl === null && (await isOfflineEnrolled(config));
  const spool = new Spool({ dir: config.spoolDir, rejectedDir: config.rejectedDir, maxItems: config.spool.maxItems, warn: () => {} });
  return {
    configFile: config.configFile,
    configSource: location.source,
    configExists: config.exists,
    stateDir: config.stateDir,
    enrolled: config.agentId !== null && (config.serverUrl !== null || offline),
    agentId: config.agentId,
    unit: config.unit,
    offline,
    network: config.network,
    serverUrl: config.serverUrl,
    caFile: config.caFile,
    keyFile: config.keyFile,
    ...state,
    spoolDepth: await spool.depth(),
    rejectedCount: await spool.rejectedCount(),
  };
}

export function formatStatus(s: StatusData): string[] {
  const rows: Array<[string, string]> = [
    ['config', `${s.configFile} (${s.configSource}${s.configExists ? '' : ', missing'})`],
    ['enrolled', s.enrolled ? `yes, agent ${s.agentId ?? '?'} in unit ${s.unit ?? '?'}` : 'no (run: zhengban-agent enroll --server URL --token TOKEN)'],
    ['collector', s.offline ? `none: offline${s.network ? ` in network ${s.network}` : ''} (zhengban-agent export --out FILE)` : (s.serverUrl ?? '-')],
    ['CA file', s.caFile ?? '(system trust store)'],
    ['key file', s.keyFile],
    ['state', s.stateDir],
    ['last success', s.lastSuccessAt ?? 'never'],
    ['last verdict', s.lastStatus ?? '-'],
    ['last error', s.lastError ?? '-'],
    ['last seq', String(s.lastSeq)],
    ['spool', `${s.spoolDepth} waiting`],
    ['rejected', String(s.rejectedCount)],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(14)}${v}`);
}

export async function statusCommand(o: { io: Io; location: ConfigLocation; json: boolean }): Promise<number> {
  const data = await readStatus(o.location);
  if (o.json) o.io.out(JSON.stringify(data, null, 2));
  else for (const line of formatStatus(data)) o.io.out(line);
  return 0;
}
