import type { Activation } from '@zhengban/shared';

/**
 * What a product's own status command or file told; each field present replaces the
 * one the package list and daemons gave (detect.ts), absent fields leave it.
 */
export interface StatusFacts {
  version?: string;
  enabled?: boolean | null;
  upToDate?: boolean | null;
  /** The product's own state word: `on`, `off`, `passive`, `enabled` … */
  state?: string;
  activation?: Activation;
}
