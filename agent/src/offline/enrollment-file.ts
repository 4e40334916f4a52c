import { readFile, stat } from 'node:fs/promises';
import { assertValid, EnrollmentEnvelope, parseJson } from '@zhengban/shared';
import type { AgentConfig } from '../config/schema.js';
import { isNotFound, writeFileAtomic } from '../state/atomic-write.js';
import { OfflineFileError } from './errors.js';

/**
 * An agent enrolled offline keeps its signed enrollment request in the state folder
 * and puts it in every bundle it writes: the agent cannot learn when the collector
 * imported it, and the collector answers a request it already knows as a duplicate.
 */
export async function isOfflineEnrolled(config: AgentConfig): Promise<boolean> {
  return stat(config.enrollmentFile).then(() => true, (err: unknown) => {
    if (isNotFound(err)) return false;
    throw new OfflineFileError(`cannot read ${config.enrollmentFile}: ${(err as Error).message}`, err);
  });
}

export async function readEnrollmentFile(config: AgentConfig): Promise<EnrollmentEnvelope | null> {
  let text: string;
  try {
    text = await readFile(config.enrollmentFile, 'utf8');
  } catch (err) {
    if (isNotFound(err)) return null;
    throw new OfflineFileError(`cannot read ${config.enrollmentFile}: ${(err as Error).message}`, err);
  }
  try {
    return assertValid(EnrollmentEnvelope, parseJson(text, config.enrollmentFile), config.enrollmentFile);
  } catch (err) {
    throw new OfflineFileError(`${(err as Error).message}; enroll again with --offline`, err);
  }
}

export async function writeEnrollmentFile(config: AgentConfig, envelope: EnrollmentEnvelope): Promise<void> {
  await writeFileAtomic(config.enrollmentFile, `${JSON.stringify(envelope)}\n`, 0o600);
}
