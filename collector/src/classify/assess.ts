import { antivirusRules } from './antivirus.js';
import type { Assessment } from './assessment.js';
import type { AssessEnv, ClassifyContext } from './context.js';
import { coverageRules } from './coverage.js';
import type { Rule } from './finding.js';
import { crackRules } from './crack-traces.js';
import { installsOf } from './installs.js';
import type { JudgedSnapshot } from './judged-snapshot.js';
import { officeRules } from './office.js';
import { osRules } from './os.js';
import { recognise } from './recognise.js';
import { softwareRules } from './software.js';
import { withUninstallProducts } from './uninstall-products.js';

/** Every registry-independent rule, run in turn. */
export const RULES: readonly Rule[] = [...osRules, ...officeRules, ...antivirusRules, ...crackRules, ...softwareRules, ...coverageRules];

/** The registry-independent half of a verdict. Pure: time, catalog and lists come from `env`. */
export function assessMachine(snapshot: JudgedSnapshot, env: AssessEnv): Assessment {
  const seen = withUninstallProducts(snapshot, recognise(snapshot, env.catalog));
  const ctx: ClassifyContext = { ...env, recognised: seen.recognised, fromUninstall: seen.fromUninstall };
  return {
    snapshotId: snapshot.snapshotId,
    collectedAt: snapshot.collectedAt,
    findings: RULES.flatMap((rule) => rule(seen.snapshot, ctx)),
    installs: installsOf(seen.snapshot, ctx),
  };
}
