import type { Activation, ActivationState } from '@zhengban/shared';
import { duration, type Judgement, type Product } from './finding.js';

type ShortOfActivated = Extract<ActivationState, 'grace' | 'notification' | 'trial' | 'not-activated'>;

// Only `activated` counts (license-detection.md §1.3): a grace period or a trial is
// a product that still has to be bought or activated, however long it has left.
// `timed`: the remaining minutes mean something only in a grace period or a trial.
const SHORT_OF_ACTIVATED: Record<ShortOfActivated, { en: string; zh: string; timed?: true }> = {
  grace: { en: 'it is in a grace period', zh: '处于宽限期', timed: true },
  notification: { en: 'it is in notification mode', zh: '处于通知状态' },
  trial: { en: 'it is running as a trial', zh: '处于试用期', timed: true },
  'not-activated': { en: 'its licensing reports it unlicensed', zh: '许可状态为未授权' },
};

function because(a: Activation): { en: string; zh: string } {
  return a.reason ? { en: ` (${a.reason})`, zh: `（${a.reason}）` } : { en: '', zh: '' };
}

function remaining(a: Activation): { en: string; zh: string } {
  if (a.graceRemainingMinutes === undefined) return { en: '', zh: '' };
  const d = duration(a.graceRemainingMinutes);
  return { en: `, ${d.en} left`, zh: `，剩余 ${d.zh}` };
}

function licensedWording(p: Product, a: Activation): Judgement {
  const how = [a.channel && `channel ${a.channel}`, a.partialKey && `key ending ${a.partialKey}`].filter(Boolean);
  const howZh = [a.channel && `渠道 ${a.channel}`, a.partialKey && `密钥尾号 ${a.partialKey}`].filter(Boolean);
  return {
    code: 'licensed',
    message: `${p.name} is activated${how.length ? ` (${how.join(', ')})` : ''}.`,
    messageZh: `${p.zh}已激活，为正版${howZh.length ? `（${howZh.join('，')}）` : ''}。`,
  };
}

/**
 * Judges a product by the activation state its own licensing reports. Returns
 * undefined for `not-applicable`: whether "no activation" is fine depends on the
 * product (free software or not), which the category's rule decides.
 */
export function judgeState(p: Product, a: Activation): Judgement | undefined {
  const why = because(a);
  switch (a.state) {
    case 'not-applicable':
      return undefined;
    case 'activated':
      return licensedWording(p, a);
    case 'expired':
      return {
        code: 'expired',
        message: `The licence of ${p.name} has expired${why.en}.`,
        messageZh: `${p.zh}的许可已过期${why.zh}。`,
      };
    case 'unknown':
      return {
        code: 'unknown',
        message: `The activation state of ${p.name} could not be read: ${a.reason ?? 'the agent gave no reason'}.`,
        messageZh: `无法读取${p.zh}的激活状态：${a.reason ?? '代理未说明原因'}。`,
      };
    default: {
      const s = SHORT_OF_ACTIVATED[a.state];
      const left = s.timed ? remaining(a) : { en: '', zh: '' };
      return {
        code: 'not-activated',
        message: `${p.name} is not activated: ${s.en}${left.en}${why.en}. Only an activated licence counts as genuine.`,
        messageZh: `${p.zh}未激活：${s.zh}${left.zh}${why.zh}。只有已激活的才算正版。`,
      };
    }
  }
}
