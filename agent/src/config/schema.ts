import { Type, type Static } from 'typebox';

/**
 * The agent's config file as written on disk. Every field is optional so an empty
 * file (or none) is a valid, not-yet-enrolled agent; unknown keys are refused so a
 * typo such as `splayMinute` is reported instead of silently ignored.
 */
export const AgentConfigFile = Type.Object({
  serverUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  unit: Type.Optional(Type.String({ maxLength: 500 })),
  /** The air-gapped network an agent enrolled offline belongs to (from its token file). */
  network: Type.Optional(Type.String({ maxLength: 200 })),
  /** PEM file of the CA that signed the collector's certificate; relative to the config file. */
  caFile: Type.Optional(Type.String({ minLength: 1 })),
  /** Private key; default `<stateDir>/agent.key`. */
  keyFile: Type.Optional(Type.String({ minLength: 1 })),
  /** Key, spool and state.json; default beside the config file or the OS state folder. */
  stateDir: Type.Optional(Type.String({ minLength: 1 })),
  schedule: Type.Optional(Type.Object({
    cron: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    splayMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
    intervalHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 366 })),
  }, { additionalProperties: false })),
  spool: Type.Optional(Type.Object({
    maxItems: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  }, { additionalProperties: false })),
  timeouts: Type.Optional(Type.Object({
    /** Until the TCP connection is up. */
    connectMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
    /** Whole request, upload and answer included. */
    requestMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 3_600_000 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export type AgentConfigFile = Static<typeof AgentConfigFile>;

export const DEFAULTS = {
  cron: '0 2 * * *',
  splayMinutes: 60,
  intervalHours: 24,
  maxItems: 100,
  connectMs: 10_000,
  requestMs: 60_000,
} as const;

/** The config with defaults applied and every path absolute. */
export interface AgentConfig {
  configFile: string;
  /** False when no file exists yet: a fresh install before `enroll`. */
  exists: boolean;
  /** As read, so saving back keeps what the admin wrote. */
  file: AgentConfigFile;
  serverUrl: string | null;
  agentId: string | null;
  unit: string | null;
  network: string | null;
  /** Enrolled offline: the signed enrollment request that goes out in every bundle. */
  enrollmentFile: string;
  caFile: string | null;
  keyFile: string;
  stateDir: string;
  stateFile: string;
  spoolDir: string;
  rejectedDir: string;
  schedule: { cron: string; splayMinutes: number; intervalHours: number };
  spool: { maxItems: number };
  timeouts: { connectMs: number; requestMs: number };
}
