/**
 * Antivirus. The campaign counts a PC without antivirus the same as one with
 * unlicensed antivirus, so none found fails. Each product gets a finding; the
 * category passes when at least one passes (a second, passive product such as
 * Defender beside 360 is normal) and none shows an infringement (combine.ts).
 *
 * This rule judges protection (running, enabled) and the product's own licensing; a
 * consumer edition is `personal-use-only` beside it, and whether a commercial product
 * was bought is the registry's finding, added at judgement. Out-of-date definitions
 * are quoted, not failed: they are a protection problem.
 */
import type { Antivirus, Finding } from '@zhengban/shared';
import type { JudgedSnapshot } from './judged-snapshot.js';
import type { ClassifyContext } from './context.js';
import { judgeState } from './activation.js';
import { productFindings } from './requirement.js';
import { emptyListFinding } from './coverage.js';
import { activationFacts, fact, listedFacts, type Judgement, type Product, type Rule } from './finding.js';

function antivirusProducts(snapshot: JudgedSnapshot, ctx: ClassifyContext): Finding[] {
  if (snapshot.antivirus.length === 0) return [noAntivirus(snapshot)];
  return snapshot.antivirus.map((av, i) => {
    const prefix = `antivirus[${i}]`;
    const fromSoftware = ctx.fromUninstall.antivirus.get(i);
    const p = { name: av.name, zh: `杀毒软件“${av.name}”` };
    const r = ctx.recognised.antivirus[i];
    if (fromSoftware !== undefined) {
      const facts = listedFacts('antivirus', i, fromSoftware, av);
      if (av.version) facts.push(fact(`software[${fromSoftware}].version`, av.version));
      return productFindings('antivirus', p, r, undefined, onlyUninstalled(p, av), facts);
    }
    const facts = [
      fact(`${prefix}.name`, av.name),
      fact(`${prefix}.enabled`, av.enabled),
      fact(`${prefix}.upToDate`, av.upToDate),
      fact(`${prefix}.source`, av.source),
    ];
    if (av.version) facts.push(fact(`${prefix}.version`, av.version));
    if (av.activation) facts.push(...activationFacts(`${prefix}.activation`, av.activation));
    return productFindings('antivirus', p, r, undefined, judgeAntivirus(av), facts);
  }).flat();
}

/** An antivirus only its Uninstall entry shows: installed, but nothing says it protects the PC. */
function onlyUninstalled(p: Product, av: Antivirus): Judgement {
  const reason = av.activation?.reason ?? 'found only as an Uninstall entry';
  return {
    code: 'unknown',
    message: `${p.name} is installed, but whether it protects this PC is not known: ${reason}.`,
    messageZh: `${p.zh}已安装，但无法确认其是否在保护本机：仅在已安装程序列表（卸载信息）中发现，代理未读到其运行或防护状态。`,
  };
}

function judgeAntivirus(av: Antivirus): Judgement {
  const p: Product = { name: av.name, zh: `杀毒软件“${av.name}”` };
  const state = av.activation?.state;
  if (av.activation && state !== 'activated' && state !== 'not-applicable') {
    const failed = judgeState(p, av.activation);
    if (failed) return failed;
  }
  if (av.enabled === false) {
    return {
      code: 'disabled',
      message: `${p.name} is installed but its real-time protection is off.`,
      messageZh: `${p.zh}已安装，但实时防护已关闭。`,
    };
  }
  const on =
    av.enabled === true
      ? { en: ' with real-time protection on', zh: '，实时防护已开启' }
      : { en: ' (it does not report whether real-time protection is on)', zh: '（该软件未报告实时防护状态）' };
  const stale =
    av.upToDate === false
      ? { en: '; its virus definitions are out of date', zh: '；但病毒库未更新' }
      : { en: '', zh: '' };
  return {
    code: 'licensed',
    message: `${p.name} is installed${on.en}${stale.en}.`,
    messageZh: `${p.zh}已安装${on.zh}${stale.zh}。`,
  };
}

/** No antivirus reported: `missing` only when the agent looked everywhere one could show (coverage.ts). */
function noAntivirus(snapshot: JudgedSnapshot): Finding {
  return emptyListFinding(snapshot, 'antivirus', { one: 'antivirus', many: 'antivirus products', zh: '杀毒软件' }, {
    code: 'missing',
    message: 'No antivirus found on this PC.',
    messageZh: '未安装杀毒软件。',
  });
}

export const antivirusRules: readonly Rule[] = [antivirusProducts];
