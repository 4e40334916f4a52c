import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { assertValid, parseJson, SchemaValidationError } from '@zhengban/shared';
import { isNotFound, writeFileAtomic } from '../state/atomic-write.js';
import { ConfigError, NotEnrolledError } from './errors.js';
import type { ConfigLocation } from './paths.js';
import { AgentConfigFile, DEFAULTS, type AgentConfig } from './schema.js';

/** Reads and validates the config file; a missing file is an empty, unenrolled config. */
export async function loadConfig(location: ConfigLocation): Promise<AgentConfig> {
  const { configFile } = location;
  let text: string | null;
  try {
    text = await readFile(configFile, 'utf8');
  } catch (err) {
    if (!isNotFound(err)) throw new ConfigError(`cannot read config file ${configFile}: ${(err as Error).message}`, err);
    text = null;
  }
  const file = text === null ? {} : parseConfigText(text, configFile);
  return resolveConfig(file, location, text !== null);
}

export function parseConfigText(text: string, configFile: string): AgentConfigFile {
  try {
    // A BOM is what Notepad leaves; JSON.parse would refuse it.
    return assertValid(AgentConfigFile, parseJson(text.replace(/^\uFEFF/, ''), `config file ${configFile}`), `config file ${configFile}`);
  } catch (err) {
    if (err instanceof SchemaValidationError) {
      throw new ConfigError(`config file ${configFile} is not valid: ${err.issues.slice(0, 3).join('; ')}`, err);
    }
    throw new ConfigError((err as Error).message, err);
  }
}

/** Applies defaults; relative paths in the file are relative to the file's folder. */
export function resolveConfig(file: AgentConfigFile, location: ConfigLocation, exists = true): AgentConfig {
  const base = dirname(location.configFile);
  const stateDir = file.stateDir ? resolve(base, file.stateDir) : location.stateDir;
  return {
    configFile: location.configFile,
    exists,
    file,
    serverUrl: file.serverUrl ?? null,
    agentId: file.agentId ?? null,
    unit: file.unit ?? null,
    network: file.network ?? null,
    enrollmentFile: resolve(stateDir, 'enrollment.json'),
    caFile: file.caFile ? resolve(base, file.caFile) : null,
    keyFile: file.keyFile ? resolve(base, file.keyFile) : resolve(stateDir, 'agent.key'),
    stateDir,
    stateFile: resolve(stateDir, 'state.json'),
    spoolDir: resolve(stateDir, 'spool'),
    rejectedDir: resolve(stateDir, 'rejected'),
    schedule: {
      cron: file.schedule?.cron ?? DEFAULTS.cron,
      splayMinutes: file.schedule?.splayMinutes ?? DEFAULTS.splayMinutes,
      intervalHours: file.schedule?.intervalHours ?? DEFAULTS.intervalHours,
    },
    spool: { maxItems: file.spool?.maxItems ?? DEFAULTS.maxItems },
    timeouts: {
      connectMs: file.timeouts?.connectMs ?? DEFAULTS.connectMs,
      requestMs: file.timeouts?.requestMs ?? DEFAULTS.requestMs,
    },
  };
}

/** Writes the file atomically, creating its folder; only what the admin or `enroll` set is kept. */
export async function saveConfigFile(configFile: string, file: AgentConfigFile): Promise<void> {
  const valid = assertValid(AgentConfigFile, file, 'config');
  try {
    await mkdir(dirname(configFile), { recursive: true });
    await writeFileAtomic(configFile, `${JSON.stringify(valid, null, 2)}\n`, 0o644);
  } catch (err) {
    throw new ConfigError(`cannot write config file ${configFile}: ${(err as Error).message}`, err);
  }
}

export interface Enrolled {
  agentId: string;
  serverUrl: string;
}

export function requireEnrolled(config: AgentConfig): Enrolled {
  if (!config.agentId || !config.serverUrl) throw new NotEnrolledError(config.configFile);
  return { agentId: config.agentId, serverUrl: config.serverUrl };
}
