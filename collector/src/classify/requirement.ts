import type { Recognition } from '../catalog/types.js';
import type { Category, Finding } from '@zhengban/shared';
import { fact, makeFinding, type Judgement, type Product } from './finding.js';

/**
 * Products that report an activation state of their own; when such a product reports
 * none, the agent failed to read it, which is `unknown` rather than a registry question.
 * Others (WPS, Yozo, most antivirus) have no readable activation: the registry decides.
 */
export const PRODUCTS_WITH_ACTIVATION: ReadonlySet<string> = new Set([
  'windows', 'windows-server', 'kylin', 'uos', 'neokylin', 'ms-office', 'ms-365', 'ms-visio', 'ms-project',
]);

/** An unreadable activation of a commercial product without activation of its own is left to the registry. */
export function leftToRegistry(j: Judgement | undefined, r: Recognition | undefined): Judgement | undefined {
  if (j?.code === 'unknown' && r?.licence === 'commercial' && !PRODUCTS_WITH_ACTIVATION.has(r.product.id)) return undefined;
  return j;
}

/** A personal-use edition on a unit's PC is an infringement whatever its activation says. */
export function judgePersonalUse(p: Product, r: Recognition | undefined, edition: string | undefined): Judgement | undefined {
  if (r?.licence !== 'personal-use-only') return undefined;
  const ed = r.edition?.name ?? edition;
  const which = ed ? { en: `the ${ed} edition of ${r.product.name}`, zh: `${r.product.nameZh}（${r.edition?.nameZh ?? ed}）` } : { en: r.product.name, zh: r.product.nameZh };
  return {
    code: 'personal-use-only',
    message: `${p.name} is ${which.en}, which ${r.product.vendor} licenses for personal use only; a unit's PC needs an edition licensed to organisations.`,
    messageZh: `${p.zh}为${which.zh}，${r.product.vendorZh ?? r.product.vendor}仅授权个人使用，单位电脑须使用面向单位授权的版本。`,
  };
}

/**
 * "No activation" for a recognised product: licensed when the catalog says it needs no
 * licence from the unit (open source, free for organisations, bundled); undefined for a
 * commercial product, whose licence the registry decides.
 */
export function judgeFreeOfActivation(p: Product, r: Recognition): Judgement | undefined {
  switch (r.licence) {
    case 'open-source':
      return {
        code: 'licensed',
        message: `${p.name} is ${r.product.name}, open-source software with no product activation.`,
        messageZh: `${p.zh}为开源软件 ${r.product.nameZh}，无需激活，视为正版。`,
      };
    case 'free-for-orgs':
      return {
        code: 'licensed',
        message: `${p.name} is ${r.product.name}, which ${r.product.vendor} gives free of charge to organisations too.`,
        messageZh: `${p.zh}为 ${r.product.nameZh}，${r.product.vendorZh ?? r.product.vendor}对单位也免费授权，视为正版。`,
      };
    case 'bundled':
      return {
        code: 'licensed',
        message: `${p.name} is ${r.product.name}, licensed together with the operating system or the hardware.`,
        messageZh: `${p.zh}为 ${r.product.nameZh}，随操作系统或硬件一并授权，视为正版。`,
      };
    default:
      return undefined;
  }
}

/** `catalog.product = windows (rule windows/client-name)`: which catalog rule recognised the product. */
export function catalogFact(r: Recognition): string {
  return fact('catalog.product', `${r.product.id} (rule ${r.ruleId})`);
}

/**
 * A product's findings on the same facts: personal-use when its edition is, and its own
 * judgement. Beside a personal-use edition an activation unread or not checked adds
 * nothing (no licence could make that copy right), so it is left out.
 */
export function productFindings(
  category: Category,
  p: Product,
  r: Recognition | undefined,
  edition: string | undefined,
  judgement: Judgement | undefined,
  facts: readonly string[],
): Finding[] {
  const personal = judgePersonalUse(p, r, edition);
  const besidePersonal = judgement && judgement.code !== 'unknown' && judgement.code !== 'not-checked' ? [judgement] : [];
  const judgements = personal ? [personal, ...besidePersonal] : judgement ? [judgement] : [];
  const all = r ? [...facts, catalogFact(r)] : [...facts];
  return judgements.map((j) => makeFinding(category, p.name, j, all));
}
