import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// An office PC as far as a program run on it can leave traces: its home, temp, config,
// data and cache folders, each empty, for the kit's "nothing left on the PC" checks.

const PLACES = ['HOME', 'TMPDIR', 'TMP', 'TEMP', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR', 'APPDATA', 'LOCALAPPDATA', 'ProgramData', 'USERPROFILE'];

export interface EmptyPc {
  env: NodeJS.ProcessEnv;
  /** Every folder above and the working folder: all must stay empty. */
  dirs: string[];
  cwd: string;
}

export function emptyPc(base: string): EmptyPc {
  const pc = mkdtempSync(join(base, 'pc-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C.UTF-8', ZHENGBAN_AGENT_CONFIG: join(pc, 'XDG_CONFIG_HOME', 'agent.json') };
  for (const name of PLACES) env[name] = join(pc, name);
  const cwd = join(pc, 'cwd');
  const dirs = [...PLACES.map((n) => join(pc, n)), cwd];
  for (const d of dirs) mkdirSync(d);
  return { env, dirs, cwd };
}

export const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
