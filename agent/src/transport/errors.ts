import { ZhengbanError } from '@zhengban/shared';

/**
 * The collector could not be reached or could not answer now: refused, timed out,
 * TLS failure, or a 5xx. Worth retrying later; `reason` is the short cause
 * (ECONNREFUSED, ETIMEDOUT, HTTP 503, CERT_HAS_EXPIRED …).
 */
export class UnreachableError extends ZhengbanError {
  constructor(readonly url: string, readonly reason: string, cause?: unknown) {
    super('E_UNREACHABLE', `collector unreachable at ${url} (${reason})`, { cause });
  }
}

/** The collector answered 4xx: this request will never be accepted as it is. */
export class RejectedError extends ZhengbanError {
  constructor(
    readonly httpStatus: number,
    readonly collectorCode: string,
    readonly collectorMessage: string,
    what = 'the request',
  ) {
    super('E_REJECTED', `collector refused ${what}: ${httpStatus} ${collectorCode}: ${collectorMessage}`);
  }
}

/** The collector already knows this agent's key: it is enrolled there, under another id. */
export class KeyAlreadyEnrolledError extends ZhengbanError {
  constructor(rejected: RejectedError, keyFile: string) {
    super(
      'E_REJECTED',
      `${rejected.message}. This PC is already enrolled with that collector; to enroll it as a new machine, add --new-key (replaces ${keyFile})`,
      { cause: rejected },
    );
  }
}

/** The collector answered 2xx with a body that is not what the API promises. */
export class ProtocolError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_PROTOCOL', message, { cause });
  }
}

/** `--server` or `serverUrl` is not an http(s) URL. */
export class BadUrlError extends ZhengbanError {
  constructor(url: string, why: string) {
    super('E_BAD_URL', `bad collector URL '${url}': ${why}`);
  }
}

/** The CA file cannot be read or holds no PEM certificate. */
export class CaFileError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_CA_FILE', message, { cause });
  }
}
