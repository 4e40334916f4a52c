import type { Snapshot } from '@zhengban/shared';
import { antivirusRules } from './antivirus.js';
import type { Assessment } from './assessment.js';
import type { AssessEnv, ClassifyContext } from './context.js';
import type { Rule } from './finding.js';
import { indicatorRules } from './indicators.js';
import { installsOf } from './installs.js';
import { officeRules } from './office.js';
import { osRules } from './os.js';
import { recognise } from './recognise.js';
import { softwareRules } from './software.js';

/** What a verdict is judged from: the snapshot without its envelope fields. */
export type JudgedSnapshot = Pick<
  Snapshot,
  'snapshotId' | 'collectedAt' | 'machine' | 'os' | 'office' | 'antivirus' | 'software' | 'indicators' | 'collectionErrors'
>;

/** Every registry-independent rule, run in turn. */
export const RULES: readonly Rule[] = [...osRules, ...officeRules, ...antivirusRules, ...indicatorRules, ...softwareRules];

/** The registry-independent half of a verdict. Pure: time, catalog and lists come from `env`. */
export function assessMachine(snapshot: JudgedSnapshot, env: AssessEnv): Assessment {
  const ctx: ClassifyContext = { ...env, recognised: recognise(snapshot, env.catalog) };
  return {
    snapshotId: snapshot.snapshotId,
    collectedAt: snapshot.collectedAt,
    findings: RULES.flatMap((rule) => rule(snapshot, ctx)),
    installs: installsOf(snapshot, ctx),
  };
}
