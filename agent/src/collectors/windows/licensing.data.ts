import type { ActivationState } from '@zhengban/shared';

/** Licensing application ids (license-detection.md §1.1, §2). */
export const WINDOWS_APP_ID = '55c92734-d682-4d71-983e-d6ec3f16059f';
export const OFFICE_APP_ID = '0ff1ce15-a989-479d-af46-f275c6370663';
export const OFFICE14_APP_ID = '59a52881-a989-479d-af46-f275c6370663';

/** LicenseStatus (MS-SLP) → snapshot state, WMI name, and plain words for the reason. */
export const LICENSE_STATUS: Readonly<Record<number, readonly [ActivationState, string, string]>> = {
  0: ['not-activated', 'Unlicensed', 'not activated (unlicensed)'],
  1: ['activated', 'Licensed', 'activated'],
  2: ['grace', 'OOBGrace', 'initial (out-of-box) grace period'],
  3: ['grace', 'OOTGrace', 'additional grace period: KMS licence expired or hardware out of tolerance'],
  4: ['grace', 'NonGenuineGrace', 'non-genuine grace period: Windows found the licence not genuine'],
  5: ['notification', 'Notification', 'notification mode: the grace period ended without activation'],
  6: ['grace', 'ExtendedGrace', 'extended grace period'],
};

/**
 * Description substrings slmgr tests, in the order they must be tried
 * (VOLUME_KMSCLIENT before VOLUME_KMS, OEM_DM before plain OEM), and the channel
 * name WMI uses in ProductKeyChannel on newer Windows (§1.4).
 */
export const DESCRIPTION_CHANNELS: readonly (readonly [RegExp, string])[] = [
  [/VOLUME_KMSCLIENT/i, 'Volume:GVLK'],
  [/VOLUME_KMS/i, 'Volume:CSVLK'],
  [/VOLUME_MAK/i, 'Volume:MAK'],
  [/OEM_DM/i, 'OEM:DM'],
  [/OEM_(COA_)?NSLP|OEM_NONSLP/i, 'OEM:NONSLP'],
  [/OEM_(COA_)?SLP/i, 'OEM:SLP'],
  [/OEM/i, 'OEM'],
  [/TIMEBASED_SUB/i, 'Timebased:Subscription'],
  [/TIMEBASED/i, 'Timebased'],
  [/VIRTUAL_MACHINE_ACTIVATION/i, 'AVMA'],
  [/RETAIL/i, 'Retail'],
];

/** KMS clients renew every 7 days for 180 days; a longer lease is not from a real KMS host (KMS38/KMS4k). */
export const KMS_MAX_LEASE_MINUTES = 259_200;

/** Status reasons worth a name in the reason text (§1.2). */
export const STATUS_REASONS: Readonly<Record<string, string>> = {
  '0xC004F200': 'non-genuine',
  '0xC004F009': 'grace period expired',
  '0xC004F00F': 'KMS licence expired or hardware out of tolerance',
  '0xC004F064': 'non-genuine grace period expired',
  '0xC004F014': 'no product key installed',
};
