// Input: decoded Microsoft 365 (vNext) licence files, e.g.
//   { scope: 'user', userSid: 'S-1-5-21-…-1001', LicenseType: 'User|Subscription',
//     ProductReleaseId: 'O365ProPlusRetail', Status: 'Licensed',
//     ExpiresOn: '2024-06-01T00:00:00Z', NotBefore: '…', NotAfter: '2024-07-01T00:00:00Z' }
import type { Activation, ActivationState } from '@zhengban/shared';
import { clip } from '../text.js';
import type { WindowsInventory } from './inventory.schema.js';

export type VNextLicense = NonNullable<NonNullable<WindowsInventory['office']>['vnextLicenses']>[number];

const RANK: Readonly<Record<ActivationState, number>> = {
  activated: 0, grace: 1, notification: 2, trial: 3, expired: 4, 'not-activated': 5, 'not-applicable': 6, unknown: 7,
};

/**
 * vnextdiag's rule (MAS port): Licensed while now < ExpiresOn, reduced functionality
 * (expired) once now > NotAfter, grace in between. Lifetime vNext licences
 * (HomeStudent2021) have no ExpiresOn: past NotAfter they are expired, otherwise the
 * file's own Status decides (`Licensed` → activated), else unknown.
 */
export function vnextActivation(lic: VNextLicense, now: Date): Activation {
  const t = now.getTime();
  const expires = Date.parse(lic.ExpiresOn ?? '');
  const notAfter = Date.parse(lic.NotAfter ?? '');
  let state: ActivationState;
  let reason: string | undefined;
  if (!Number.isNaN(notAfter) && t > notAfter) {
    state = 'expired';
    reason = `the licence ended on ${lic.NotAfter}`;
  } else if (!Number.isNaN(expires)) {
    state = t < expires ? 'activated' : 'grace';
    if (state === 'grace') reason = `the licence expired on ${lic.ExpiresOn} and has not been renewed`;
  } else if (/^licensed$/i.test(lic.Status ?? '')) {
    state = 'activated';
  } else {
    state = 'unknown';
    reason = `licence file without an expiry date and with status ${lic.Status ?? 'missing'}`;
  }
  const a: Activation = { state, source: 'vnext:licenses', channel: clip(lic.LicenseType ?? 'vNext', 100) };
  if (reason) a.reason = clip(reason, 500);
  a.details = {
    ProductReleaseId: lic.ProductReleaseId ?? null,
    Status: lic.Status ?? null,
    ExpiresOn: lic.ExpiresOn ?? null,
    NotAfter: lic.NotAfter ?? null,
    scope: lic.scope,
    userSid: lic.userSid ?? null,
  };
  return a;
}

/** Of several licences for one product (device and per-user ones), the one that says the most. */
export function bestVNext(lics: readonly VNextLicense[], now: Date): Activation | undefined {
  return lics.map((l) => vnextActivation(l, now)).sort((a, b) => RANK[a.state] - RANK[b.state])[0];
}
