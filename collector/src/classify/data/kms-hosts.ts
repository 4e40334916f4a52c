/**
 * What tells a genuine KMS activation from a faked one (license-detection.md §3.1). The
 * hosts of crack tools are catalog data (`kms-host` rules of crack-tool products), so
 * an admin can add one.
 */

/** A genuine KMS activation lasts 180 days; KMS38/KMS4k fake far longer ones (§3.1). */
export const KMS_MAX_MINUTES = 180 * 24 * 60;

/** Channels of a KMS client licence (Windows `Volume:GVLK`, ospp `VOLUME_KMSCLIENT`). */
export const KMS_CLIENT_CHANNEL = /gvlk|kms_?client/i;
