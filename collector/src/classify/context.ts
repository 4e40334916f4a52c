/**
 * What the verdict engine needs besides the snapshot. It grows as the licence
 * registry arrives (entitlements, catalog, denied software); classify functions
 * take it whole so adding a field never changes their signatures.
 */
export interface ClassifyPolicy {
  /** The organisation's own KMS hosts (names or IPs); activation through them is trusted. */
  trustedKmsHosts: string[];
}

export interface ClassifyContext {
  /** Decision time; passed in so classification stays pure and testable. */
  now: Date;
  policy: ClassifyPolicy;
}

export function defaultPolicy(): ClassifyPolicy {
  return { trustedKmsHosts: [] };
}
