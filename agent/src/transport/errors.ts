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

/**
 * The collector answered over TLS with a certificate this agent does not trust: signed by
 * a CA it was not given, self-signed, expired, or for another name. Not a network outage:
 * it needs an admin (the right CA file, a renewed certificate), so it has its own code and
 * exit code. `reason` is Node's code (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED …).
 */
export class UntrustedCertificateError extends ZhengbanError {
  constructor(readonly url: string, readonly reason: string, cause?: unknown) {
    super('E_TLS_UNTRUSTED', `the collector's TLS certificate at ${url} is not trusted (${reason}): ${certificateHint(reason)}`, { cause });
  }
}

function certificateHint(reason: string): string {
  if (/EXPIRED|NOT_YET_VALID/.test(reason)) return "it is outside its validity dates; the collector's admin must renew it (or this PC's clock is wrong)";
  if (/ALTNAME|HOSTNAME/.test(reason)) return 'it was issued for another name; use the collector URL its certificate names';
  return 'give the CA that signed it with enroll --ca FILE (caFile in the config)';
}

/** Node's codes for a certificate that failed verification, as opposed to a connection that failed. */
export const CERTIFICATE_ERRORS = /^(CERT_|UNABLE_TO_(VERIFY|GET_ISSUER|DECRYPT|DECODE)|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|ERR_TLS_CERT_ALTNAME|HOSTNAME_MISMATCH|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE)/;

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
