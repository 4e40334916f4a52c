import type { Finding } from '@zhengban/shared';
import type { JudgedSnapshot } from './judged-snapshot.js';
import type { ClassifyContext } from './context.js';
import { judgeState } from './activation.js';
import type { Recognition } from '../catalog/types.js';
import { judgeKms } from './kms.js';
import { notLookedErrors, unlessNotLooked } from './coverage.js';
import { activationFacts, fact, type Judgement, type Product, type Rule } from './finding.js';
import { judgeFreeOfActivation, PRODUCTS_WITH_ACTIVATION, productFindings } from './requirement.js';

/**
 * The OS is licensed only when its own activation says so, or when it is free
 * software that has no activation at all. One activation finding, the most serious (a
 * crack's KMS trace outranks the "Licensed" state it produced), and one more when the
 * edition is for personal use (Windows Home); whether the unit bought it is the
 * registry's finding, added at judgement.
 */
function osActivation(snapshot: JudgedSnapshot, ctx: ClassifyContext): Finding[] {
  const os = snapshot.os;
  const p: Product = { name: os.name, zh: `操作系统“${os.name}”` };
  const facts = [fact('os.name', os.name), fact('os.id', os.id)];
  if (os.idLike?.length) facts.push(fact('os.idLike', os.idLike));
  if (os.edition) facts.push(fact('os.edition', os.edition));
  if (os.version) facts.push(fact('os.version', os.version));
  if (os.id === 'macos') facts.push(fact('machine.manufacturer', snapshot.machine.manufacturer ?? null));
  facts.push(...activationFacts('os.activation', os.activation));
  const r = ctx.recognised.os;
  const read = judgeKms(p, os.activation, ctx.policy, ctx.catalog) ?? judgeState(p, os.activation) ?? judgeWithoutActivation(p, snapshot, r);
  const checked = unlessNotLooked(p, os.activation, read, notLookedErrors(snapshot, 'os'));
  facts.push(...checked.facts);
  return productFindings('os', p, r, os.edition, checked.judgement, facts);
}

/**
 * "No activation" is licensed for a distribution the catalog knows as free, or for
 * macOS on a computer Apple made: Apple licenses macOS with its hardware. A commercial
 * system without activation of its own (RHEL, SLES) is left to the registry.
 */
function judgeWithoutActivation(p: Product, snapshot: JudgedSnapshot, r: Recognition | undefined): Judgement | undefined {
  const os = snapshot.os;
  if (r?.product.id === 'macos' || os.id.toLowerCase() === 'macos') return judgeMacos(p, snapshot.machine.manufacturer);
  if (r) {
    if (r.licence === 'personal-use-only') return undefined;
    const free = judgeFreeOfActivation(p, r);
    if (free || !PRODUCTS_WITH_ACTIVATION.has(r.product.id)) return free;
    return {
      code: 'unknown',
      message: `${p.name} is commercial software with its own activation, but the agent reported no activation mechanism; its licence cannot be confirmed.`,
      messageZh: `${p.zh}为商业软件，有自己的激活机制，但代理未报告激活信息，无法确认是否为正版。`,
    };
  }
  // ID_LIKE is quoted but never trusted: Kylin and UOS are "like debian" too.
  const like = os.idLike?.[0];
  const likeEn = like ? ` Being derived from ${like} does not make it free.` : '';
  const likeZh = like ? `基于 ${like} 并不代表它是免费软件。` : '';
  return {
    code: 'unknown',
    message: `${p.name} (id ${os.id}) reported no product activation and is not a system the catalog knows.${likeEn}`,
    messageZh: `${p.zh}（id ${os.id}）未报告激活信息，且不在产品目录中，无法确认是否为正版。${likeZh}`,
  };
}

function judgeMacos(p: Product, manufacturer: string | undefined): Judgement {
  if (manufacturer && /^apple\b/i.test(manufacturer.trim())) {
    return {
      code: 'licensed',
      message: `${p.name} runs on a computer made by ${manufacturer}; Apple licenses macOS with its own hardware, and it needs no activation.`,
      messageZh: `${p.zh}运行在 ${manufacturer} 生产的电脑上，macOS 随苹果硬件授权，无需激活，视为正版。`,
    };
  }
  const maker = manufacturer ? `hardware made by ${manufacturer}` : 'hardware whose maker the agent could not read';
  return {
    code: 'unknown',
    message: `${p.name} runs on ${maker}; macOS is licensed only with Apple hardware, so its licence cannot be confirmed.`,
    messageZh: `${p.zh}运行在${manufacturer ? ` ${manufacturer} 生产的` : '无法识别制造商的'}硬件上；macOS 仅随苹果硬件授权，无法确认是否为正版。`,
  };
}

export const osRules: readonly Rule[] = [osActivation];
