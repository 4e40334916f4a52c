import { ZhengbanError } from '@zhengban/shared';

/** Refusals of an inspector kit's scan at import; each has a stable code and an HTTP status, as errors.ts. */

export class UnknownInspectorError extends ZhengbanError {
  constructor(inspectorId: string) {
    super('E_INSPECTOR_UNKNOWN', `inspector ${inspectorId} is not registered here (kit create registers one)`, { status: 401 });
  }
}

export class InspectorRevokedError extends ZhengbanError {
  constructor(inspectorId: number, name: string, revokedAt: string) {
    super('E_INSPECTOR_REVOKED', `inspector ${inspectorId} (${name}) was revoked at ${revokedAt}; their kit's scans are refused`, { status: 403 });
  }
}

/** The record is signed, but not as its own envelope says: another inspector or kit. */
export class InspectionMismatchError extends ZhengbanError {
  constructor(message: string) {
    super('E_INSPECTION_MISMATCH', message, { status: 400 });
  }
}

/** Neither the record nor the import names the spot check the scan belongs to. */
export class NoSpotCheckError extends ZhengbanError {
  constructor(hostname: string) {
    super('E_NO_SPOT_CHECK', `the inspection of ${hostname} names no spot check: import it with --spot-check ID`, { status: 400 });
  }
}
