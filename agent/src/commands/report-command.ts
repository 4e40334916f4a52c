import { loadConfig } from '../config/load.js';
import type { ConfigLocation } from '../config/paths.js';
import { AGENT_VERSION } from '../version.js';
import { liveBuilder, type BuildSnapshot, type Io, type WindowsOptions } from './io.js';
import { formatReport } from './report-format.js';
import { runReport } from './report.js';

export const USER_AGENT = `zhengban-agent/${AGENT_VERSION}`;

export async function reportCommand(o: { io: Io; location: ConfigLocation; buildSnapshot?: BuildSnapshot; windows?: WindowsOptions }): Promise<number> {
  const config = await loadConfig(o.location);
  const buildSnapshot = await liveBuilder(o.buildSnapshot, o.windows);
  const outcome = await runReport({ config, buildSnapshot, warn: (l) => o.io.err(`zhengban-agent: ${l}`), userAgent: USER_AGENT });
  for (const line of formatReport(outcome)) o.io.out(line);
  return 0;
}
