import type { Static } from 'typebox';
import type { RejudgeSummary as RejudgeSummarySchema } from '../schema/common.js';
import type { VerdictTrigger } from '../schema/history.js';

export type RejudgeSummary = Static<typeof RejudgeSummarySchema>;

/**
 * What a write asks the verdict engine to do after it committed.
 * - `products`: licences of these products changed; seats are allocated again for
 *   them and the machines whose outcome changed get a new verdict. Absent: all products.
 * - `reassess`: these machines' facts must be judged again first (catalog or list
 *   change, a move); `'all'` for every machine.
 */
export interface RejudgeRequest {
  trigger: VerdictTrigger;
  /** Plain words for the verdict history: `licence #12 created by token:3`. */
  detail: string;
  products?: readonly string[];
  reassess?: readonly string[] | 'all';
}

export type Rejudge = (request: RejudgeRequest) => Promise<RejudgeSummary>;
