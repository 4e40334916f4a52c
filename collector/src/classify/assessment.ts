import type { Category, Finding } from '@zhengban/shared';

/**
 * A product on a machine that needs a licence from the registry. The allocation gives
 * it an outcome (covered, over-allocated, none…) and the judgement turns that into a
 * finding; everything else about the machine is already in `Assessment.findings`.
 */
export interface Install {
  productId: string;
  product: string;
  productZh: string;
  category: Category;
  /** The name the agent reported. */
  subject: string;
  edition: string | null;
  editionName: string | null;
  editionNameZh: string | null;
  release: string | null;
  /** The KMS host it activated through: a KMS licence covers only its own hosts. */
  kmsHost: string | null;
  /** Covered without the registry: Windows activated by the OEM key in the PC's firmware. */
  implicit: 'oem-firmware' | null;
  /** Installed after the machine's first snapshot, if the change log says so. */
  installedBetween: { snapshotId: string; previousSnapshotId: string; at: string } | null;
  facts: string[];
}

/**
 * The registry-independent half of a verdict, kept per machine so that a licence change
 * re-judges from it without re-reading snapshots. It changes when the snapshot, the
 * catalog or the lists do; which catalog made it is in the verdict's rules version.
 */
export interface Assessment {
  snapshotId: string;
  collectedAt: string;
  findings: Finding[];
  installs: Install[];
}
