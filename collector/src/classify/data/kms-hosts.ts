/**
 * KMS hosts that betray a crack activator, from license-detection.md §3.1–3.2 (the
 * activators' own code and community detection scripts). Data only.
 */

/** Private addresses the activators write by default, with the tool that writes each. */
export const ACTIVATOR_KMS_ADDRESSES: ReadonlyMap<string, string> = new Map([
  ['172.16.0.2', 'KMS_VL_ALL'],
  ['10.0.0.10', 'Ohook'],
]);

/** Public KMS servers used by MAS Online KMS and similar activators (lower-case). */
export const PUBLIC_KMS_HOSTS: ReadonlySet<string> = new Set([
  // MAS Online KMS (§3.1)
  'kms.03k.org', 'kms-default.cangshui.net', 'kms.sixyin.com', 'kms.moeclub.org',
  'kms.cgtsoft.com', 'kms.idina.cn', 'kms.moeyuuko.com', 'xincheng213618.cn',
  'kms.loli.best', 'kms.mc06.net', 'kms.0t.net.cn', 'win.kms.pub', 'kms.wxlost.com',
  'kms.moeyuuko.top', 'kms.ghxi.com',
  // community-reported (§3.2)
  'kms8.msguides.com', 'kms.loli.beer', 'kms.chinancce.com', 'kms.lotro.cc',
]);

/** A genuine KMS activation lasts 180 days; KMS38/KMS4k fake far longer ones (§3.1). */
export const KMS_MAX_MINUTES = 180 * 24 * 60;

/** Channels of a KMS client licence (Windows `Volume:GVLK`, ospp `VOLUME_KMSCLIENT`). */
export const KMS_CLIENT_CHANNEL = /gvlk|kms_?client/i;
