/**
 * Office suites. Rule: every installed suite must be licensed, and a machine with
 * none fails. An unlicensed copy is an infringement even beside a licensed one, and
 * that is what the campaign counts; so each suite gets its own finding, and the
 * office category passes only when all of them pass (combine.ts).
 */
import type { Finding, OfficeSuite, Snapshot } from '@zhengban/shared';
import type { ClassifyContext } from './context.js';
import { judgeState } from './activation.js';
import { personalUseEdition } from './data/editions.js';
import { freeOfficeSuite } from './data/free-software.js';
import { judgeKms } from './kms.js';
import {
  activationFacts,
  collectionErrorsFor,
  emptyListFacts,
  fact,
  makeFinding,
  programs,
  type Judgement,
  type Product,
  type Rule,
} from './finding.js';

function officeSuites(snapshot: Snapshot, ctx: ClassifyContext): Finding[] {
  if (snapshot.office.length === 0) return [noOfficeSuite(snapshot)];
  return snapshot.office.map((suite, i) => {
    const p: Product = { name: suite.name, zh: `办公软件“${suite.name}”` };
    const prefix = `office[${i}]`;
    const facts = [fact(`${prefix}.name`, suite.name), fact(`${prefix}.source`, suite.source)];
    if (suite.edition) facts.push(fact(`${prefix}.edition`, suite.edition));
    if (suite.version) facts.push(fact(`${prefix}.version`, suite.version));
    facts.push(...activationFacts(`${prefix}.activation`, suite.activation));
    const judgement =
      judgePersonalEdition(p, suite) ??
      judgeKms(p, suite.activation, ctx.policy) ??
      judgeState(p, suite.activation) ??
      judgeWithoutActivation(p, suite);
    return makeFinding('office', suite.name, judgement, facts);
  });
}

/**
 * A personal-use edition on a unit's PC is an infringement whatever its activation
 * says, so it is judged first; the edition is the fact it rests on.
 */
function judgePersonalEdition(p: Product, suite: OfficeSuite): Judgement | undefined {
  const personal = personalUseEdition(suite.name, suite.edition);
  if (!personal) return undefined;
  return {
    code: 'personal-use-only',
    message: `${p.name} is the ${suite.edition} edition, which ${personal.product} licenses for personal use only; a unit's PC needs a commercial licence.`,
    messageZh: `${p.zh}为个人版（${suite.edition}），仅限个人使用，单位电脑须使用商业授权版本。`,
  };
}

/** "No activation" is licensed only for a known free suite; WPS and others await the registry. */
function judgeWithoutActivation(p: Product, suite: OfficeSuite): Judgement {
  const free = freeOfficeSuite(suite.name);
  if (free) {
    return {
      code: 'licensed',
      message: `${p.name} is ${free.name}, free software with no product activation.`,
      messageZh: `${p.zh}为免费开源软件 ${free.name}，无需激活，视为正版。`,
    };
  }
  return {
    code: 'unknown',
    message: `${p.name} reported no product activation and is not a known free office suite; its licence cannot be confirmed.`,
    messageZh: `${p.zh}未报告激活信息，且不是已知的免费办公软件，无法确认是否为正版。`,
  };
}

/** A failed office collector is not evidence of "no office": say so instead of `missing`. */
function noOfficeSuite(snapshot: Snapshot): Finding {
  const facts = emptyListFacts(snapshot, 'office');
  const n = snapshot.software.length;
  const judgement: Judgement =
    collectionErrorsFor(snapshot, 'office').length > 0
      ? {
          code: 'unknown',
          message: 'No office suite was reported, but the agent failed to inspect office suites on this PC.',
          messageZh: '未报告办公软件，但代理检查办公软件时出错，无法确认。',
        }
      : {
          code: 'missing',
          message: `No office suite found among ${programs(n)} installed.`,
          messageZh: `未安装办公软件（共盘点 ${n} 个已安装程序）。`,
        };
  return makeFinding('office', 'office', judgement, facts);
}

export const officeRules: readonly Rule[] = [officeSuites];
