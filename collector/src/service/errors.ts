import { ZhengbanError } from '@zhengban/shared';

/** Errors the collector answers with; each has a stable code and an HTTP status. */

export class UnknownAgentError extends ZhengbanError {
  constructor(agentId: string | undefined) {
    super(
      'E_UNKNOWN_AGENT',
      agentId ? `agent ${agentId} is not enrolled here` : 'the X-Zhengban-Agent header is missing',
      { status: 401 },
    );
  }
}

export class AgentMismatchError extends ZhengbanError {
  constructor(header: string, payload: string | null) {
    super('E_AGENT_MISMATCH', `the snapshot names agent ${payload ?? 'null'} but was sent by agent ${header}`, {
      status: 400,
    });
  }
}

export class SeqReplayError extends ZhengbanError {
  constructor(seq: number, lastSeq: number) {
    super('E_SEQ_REPLAY', `seq ${seq} is not above the last accepted seq ${lastSeq} of this agent`, { status: 409 });
  }
}

export class SnapshotConflictError extends ZhengbanError {
  constructor(snapshotId: string) {
    super('E_SNAPSHOT_CONFLICT', `snapshot ${snapshotId} was already sent by another agent`, { status: 409 });
  }
}

export class ClockSkewError extends ZhengbanError {
  constructor(collectedAt: string, now: Date) {
    super('E_CLOCK_SKEW', `collectedAt ${collectedAt} is more than 24 h ahead of the collector's clock (${now.toISOString()})`, {
      status: 400,
    });
  }
}

export class PayloadTooLargeError extends ZhengbanError {
  constructor(limitBytes: number, what = 'the request body') {
    super('E_TOO_LARGE', `${what} is larger than ${limitBytes} bytes`, { status: 413 });
  }
}

export class UnsupportedEncodingError extends ZhengbanError {
  constructor(encoding: string) {
    super('E_ENCODING', `Content-Encoding ${encoding} is not supported; send identity or gzip`, { status: 415 });
  }
}

export class BadGzipError extends ZhengbanError {
  constructor(cause: unknown) {
    super('E_GZIP', `the gzip body cannot be decompressed: ${(cause as Error).message}`, { status: 400, cause });
  }
}

export type EnrollRefusal = 'unknown-token' | 'expired' | 'used-up';

export class EnrollTokenError extends ZhengbanError {
  constructor(reason: EnrollRefusal, detail = '') {
    const [code, status, message] =
      reason === 'unknown-token'
        ? ['E_ENROLL_TOKEN_INVALID', 401, 'the enrollment token is not known']
        : reason === 'expired'
          ? ['E_ENROLL_TOKEN_EXPIRED', 403, 'the enrollment token has expired']
          : ['E_ENROLL_TOKEN_USED_UP', 403, 'the enrollment token has no uses left'];
    super(code, detail ? `${message} (${detail})` : message, { status });
  }
}

/** One key, one machine: a second enrollment of the same public key would give two ids the same signer. */
export class KeyEnrolledError extends ZhengbanError {
  constructor(agentId: string) {
    super('E_KEY_ENROLLED', `this public key is already enrolled, as agent ${agentId}; an agent enrolling as a new machine needs a new key`, { status: 409 });
  }
}

/** A client address that failed to authenticate too often in the window; `retryAfterSeconds` goes to Retry-After. */
export class TooManyFailuresError extends ZhengbanError {
  constructor(readonly retryAfterSeconds: number, cause: Error) {
    super('E_TOO_MANY_FAILURES', `too many failed authentications from this address; try again in ${retryAfterSeconds} s (last: ${cause.message})`, { status: 429, cause });
  }
}

export class AuthRequiredError extends ZhengbanError {
  constructor() {
    super('E_AUTH_REQUIRED', 'this needs an Authorization: Bearer <API token> header or a session cookie', { status: 401 });
  }
}

export class AuthInvalidError extends ZhengbanError {
  constructor() {
    super('E_AUTH_INVALID', 'the bearer token is not valid', { status: 401 });
  }
}

/** A session cookie that names no live session: signed out, expired, its API token no longer valid, or never issued. */
export class SessionInvalidError extends ZhengbanError {
  constructor() {
    super('E_SESSION_INVALID', 'the session has ended or is not known; sign in again', { status: 401 });
  }
}

/**
 * A write through the session cookie without the session's CSRF token: another site can
 * make a browser send the cookie, but cannot read the token to send it along.
 */
export class CsrfError extends ZhengbanError {
  constructor(header: 'missing' | 'wrong') {
    super('E_CSRF', header === 'missing' ? 'a write through a session cookie needs the X-CSRF-Token header' : "the X-CSRF-Token header is not this session's", { status: 403 });
  }
}

export class NotFoundError extends ZhengbanError {
  constructor(what: string) {
    super('E_NOT_FOUND', `${what} was not found`, { status: 404 });
  }
}


/** Bad command-line input; the CLI prints the message and exits non-zero. */
export class UsageError extends ZhengbanError {
  constructor(message: string) {
    super('E_USAGE', message, { status: 400 });
  }
}

/** A viewer (read-only) or anyone else without the right to write. */
export class ForbiddenError extends ZhengbanError {
  constructor(message = 'this needs an admin token; viewer tokens are read-only') {
    super('E_FORBIDDEN', message, { status: 403 });
  }
}

/** The write would break a uniqueness or tree rule (duplicate name, a unit under itself). */
export class ConflictError extends ZhengbanError {
  constructor(message: string) {
    super('E_CONFLICT', message, { status: 409 });
  }
}

/** The record is still referred to (a unit with machines, a licence with seats held…). */
export class InUseError extends ZhengbanError {
  constructor(message: string) {
    super('E_IN_USE', message, { status: 409 });
  }
}

/** Input that passes the schema but not the rules: an unknown product, a bad pattern, a bad CSV row. */
export class InvalidInputError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_INVALID', message, { status: 400, ...(cause === undefined ? {} : { cause }) });
  }
}

/** A file refused whole: `problems` names every wrong line, and nothing was written. */
export class ImportRefusedError extends ZhengbanError {
  constructor(readonly problems: readonly string[]) {
    super('E_INVALID', `nothing was imported: ${problems.length} line${problems.length === 1 ? ' is' : 's are'} wrong`, { status: 400 });
  }
}
