import type { Snapshot } from '@zhengban/shared';

// A module of its own because the rules take it and assess.ts imports the rules:
// declared in assess.ts it tied every rule into an import cycle with it.

/** What a verdict is judged from: the snapshot without its envelope fields. */
export type JudgedSnapshot = Pick<
  Snapshot,
  'snapshotId' | 'collectedAt' | 'machine' | 'os' | 'office' | 'antivirus' | 'software' | 'indicators' | 'collectionErrors' | 'observations'
>;
