import { ZhengbanError } from '@zhengban/shared';

/** The config file cannot be read, is not JSON, or does not match the schema. */
export class ConfigError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_CONFIG', message, { cause });
  }
}

/** A command that talks to the collector ran before `enroll`. */
export class NotEnrolledError extends ZhengbanError {
  constructor(configFile: string) {
    super('E_NOT_ENROLLED', `not enrolled (no agentId in ${configFile}); run: zhengban-agent enroll --server URL --token TOKEN`);
  }
}

/** `enroll` on an enrolled agent without --force: a second agent id would split its history. */
export class AlreadyEnrolledError extends ZhengbanError {
  constructor(agentId: string, serverUrl: string | null) {
    super('E_ALREADY_ENROLLED', `already enrolled as agent ${agentId}${serverUrl ? ` with ${serverUrl}` : ''}; add --force to enroll again`);
  }
}

/** Options that do not go together, or a required one left out. */
export class UsageError extends ZhengbanError {
  constructor(message: string) {
    super('E_USAGE', message);
  }
}
