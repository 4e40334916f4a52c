import { ZhengbanError } from '@zhengban/shared';

/** A recorded folder that cannot be read or holds nothing we recognise (`scan --from`). */
export class RecordedInputError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_RECORDED_INPUT', message, { status: 400, cause });
  }
}

/**
 * A collector asked a replayed machine for something the sources table does not
 * list, so no recording can hold it. A bug in the agent, reported as a collection
 * error so a fixture's golden shows it.
 */
export class UnrecordedSourceError extends ZhengbanError {
  constructor(what: string) {
    super('E_UNRECORDED_SOURCE', `${what} is not in the agent's sources table, so a recording cannot answer it`);
  }
}

/** Two files in a recorded folder could both be the same source (three os-release-* files). */
export class AmbiguousRecordingError extends ZhengbanError {
  constructor(file: string, candidates: readonly string[]) {
    super('E_RECORDING_AMBIGUOUS', `${candidates.length} files could be the recording of ${file} (${candidates.join(', ')}); keep one`);
  }
}
