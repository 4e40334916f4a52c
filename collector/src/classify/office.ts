/**
 * Office suites. Rule: every installed suite must be licensed, and a machine with
 * none fails. An unlicensed copy is an infringement even beside a licensed one, and
 * that is what the campaign counts; so each suite gets its own finding, and the
 * office category passes only when all of them pass (combine.ts).
 */
import type { Finding } from '@zhengban/shared';
import type { JudgedSnapshot } from './judged-snapshot.js';
import type { ClassifyContext } from './context.js';
import { judgeState } from './activation.js';
import type { Recognition } from '../catalog/types.js';
import { judgeKms } from './kms.js';
import { judgeFreeOfActivation, leftToRegistry, productFindings } from './requirement.js';
import { emptyListFinding, suiteActivationNotLooked, unlessNotLooked } from './coverage.js';
import { activationFacts, fact, listedFacts, programs, type Judgement, type Product, type Rule } from './finding.js';

function officeSuites(snapshot: JudgedSnapshot, ctx: ClassifyContext): Finding[] {
  if (snapshot.office.length === 0) return [noOfficeSuite(snapshot)];
  return snapshot.office.map((suite, i) => {
    const p: Product = { name: suite.name, zh: `办公软件“${suite.name}”` };
    const prefix = `office[${i}]`;
    const fromSoftware = ctx.fromUninstall.office.get(i);
    const facts = listedFacts('office', i, fromSoftware, suite);
    if (suite.edition) facts.push(fact(`${prefix}.edition`, suite.edition));
    if (suite.version) facts.push(fact(`${fromSoftware === undefined ? prefix : `software[${fromSoftware}]`}.version`, suite.version));
    if (fromSoftware === undefined) facts.push(...activationFacts(`${prefix}.activation`, suite.activation));
    const r = ctx.recognised.office[i];
    const read =
      judgeKms(p, suite.activation, ctx.policy, ctx.catalog) ?? leftToRegistry(judgeState(p, suite.activation), r) ?? judgeWithoutActivation(p, r);
    const checked = unlessNotLooked(p, suite.activation, read, suiteActivationNotLooked(snapshot, suite.activation));
    facts.push(...checked.facts);
    return productFindings('office', p, r, suite.edition, checked.judgement, facts);
  }).flat();
}

/**
 * "No activation": licensed for a suite the catalog knows as free, left to the registry
 * for a commercial one (WPS, Yozo); `unknown` for a suite the catalog does not know.
 */
function judgeWithoutActivation(p: Product, r: Recognition | undefined): Judgement | undefined {
  if (r) return judgeFreeOfActivation(p, r);
  return {
    code: 'unknown',
    message: `${p.name} reported no product activation and is not an office suite the catalog knows; its licence cannot be confirmed.`,
    messageZh: `${p.zh}未报告激活信息，且不在产品目录中，无法确认是否为正版。`,
  };
}

/** No suite reported: `missing` only when the agent looked everywhere a suite could be (coverage.ts). */
function noOfficeSuite(snapshot: JudgedSnapshot): Finding {
  const n = snapshot.software.length;
  return emptyListFinding(snapshot, 'office', { one: 'office suite', many: 'office suites', zh: '办公软件' }, {
    code: 'missing',
    message: `No office suite found among ${programs(n)} installed.`,
    messageZh: `未安装办公软件（共盘点 ${n} 个已安装程序）。`,
  });
}

export const officeRules: readonly Rule[] = [officeSuites];
