import { ZhengbanError } from '@zhengban/shared';

/** A token file, bundle or enrollment file that cannot be read or is not what it says. */
export class OfflineFileError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_OFFLINE_FILE', message, { cause });
  }
}

/** The offline enrollment token's expiry has passed: the collector would refuse the request. */
export class OfflineTokenExpiredError extends ZhengbanError {
  constructor(file: string, expiresAt: string) {
    super('E_TOKEN_EXPIRED', `the enrollment token in ${file} expired at ${expiresAt}; ask the collector's admin for a new one`);
  }
}

/** A bundle's lines do not match its manifest: cut short or changed after it was written. */
export class BundleDamagedError extends ZhengbanError {
  constructor(file: string, why: string) {
    super('E_BUNDLE_DAMAGED', `${file} is damaged: ${why}; export it again`);
  }
}
