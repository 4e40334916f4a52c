import type { Counts } from './statistics.js';
import type { ReportUnit } from './unit-tree.js';

// A module of its own because notice.ts drafts its text with notice-text.ts and both
// take a ranked unit: declared in notice.ts it closed an import cycle between the two.

export type Stage = 'done' | 'fixing' | 'not-started';

/** One ranked unit of the notice. */
export interface NoticeUnit {
  unit: ReportUnit;
  now: Counts;
  before: Counts | null;
  stage: Stage;
}
