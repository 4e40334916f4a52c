import type { Activation } from '@zhengban/shared';
import type { ClassifyPolicy } from './context.js';
import { ACTIVATOR_KMS_ADDRESSES, KMS_CLIENT_CHANNEL, KMS_MAX_MINUTES, PUBLIC_KMS_HOSTS } from './data/kms-hosts.js';
import { duration, type Judgement, type Product } from './finding.js';

/** Lower-cased host without port, brackets or trailing dot: `KMS.Org.CN.:1688` → `kms.org.cn`. */
export function normaliseHost(raw: string): string {
  let host = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) host = bracketed[1];
  else if (host.split(':').length === 2) host = host.slice(0, host.indexOf(':'));
  return host.replace(/\.$/, '');
}

export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^(::ffff:)?127\.\d/.test(host) ||
    /^(0{0,4}:){2,7}0{0,3}1$/.test(host) // ::1 in any spelling
  );
}

/**
 * Judges the KMS side of an activation, whatever state it reports: a crack's KMS
 * emulator makes Windows say "Licensed", so the state alone proves nothing. Returns
 * undefined when nothing about KMS is wrong.
 *
 * Order matters. Loopback and public crack servers are never trusted, even if a
 * policy lists them by mistake. The activators' default private addresses are
 * crack traces unless the organisation's own KMS really sits there and the policy
 * says so. Any other host must be in the policy.
 */
export function judgeKms(p: Product, a: Activation, policy: ClassifyPolicy): Judgement | undefined {
  const host = a.kmsHost ? normaliseHost(a.kmsHost) : '';
  if (host) {
    const trusted = policy.trustedKmsHosts.some((t) => normaliseHost(t) === host);
    if (isLoopback(host)) {
      return {
        code: 'crack-activator',
        message: `${p.name} is activated through a KMS emulator on the PC itself (KMS host ${a.kmsHost}), the trace left by crack activators such as KMS_VL_ALL and MAS KMS38.`,
        messageZh: `${p.zh}通过本机上的 KMS 模拟器激活（KMS 服务器 ${a.kmsHost}），这是破解激活工具（如 KMS_VL_ALL、KMS38）留下的痕迹。`,
      };
    }
    if (PUBLIC_KMS_HOSTS.has(host)) {
      return {
        code: 'untrusted-kms',
        message: `${p.name} is activated through ${a.kmsHost}, a public KMS server used by crack activators; it is not the organisation's KMS server.`,
        messageZh: `${p.zh}通过公共 KMS 服务器 ${a.kmsHost} 激活，该服务器为破解激活工具所用，属于不可信的 KMS 服务器。`,
      };
    }
    const tool = ACTIVATOR_KMS_ADDRESSES.get(host);
    if (tool && !trusted) {
      return {
        code: 'crack-activator',
        message: `${p.name} is set to activate through KMS host ${a.kmsHost}, the default address written by the ${tool} crack activator, and the organisation has not listed it as its own KMS server.`,
        messageZh: `${p.zh}的 KMS 服务器设置为 ${a.kmsHost}，这是破解激活工具 ${tool} 写入的默认地址，且不在本单位的可信 KMS 服务器列表中。`,
      };
    }
    if (!trusted) {
      const listed = policy.trustedKmsHosts.length ? policy.trustedKmsHosts.join(', ') : 'none configured';
      return {
        code: 'untrusted-kms',
        message: `${p.name} is activated through KMS host ${a.kmsHost}, which is not one of the organisation's KMS servers (trusted: ${listed}).`,
        messageZh: `${p.zh}通过 KMS 服务器 ${a.kmsHost} 激活，该服务器不在本单位的可信 KMS 服务器列表中，属于不可信的 KMS 服务器。`,
      };
    }
  }
  return judgeKmsPeriod(p, a);
}

/** KMS38/KMS4k: a KMS client licence valid far beyond the 180 days real KMS grants. */
function judgeKmsPeriod(p: Product, a: Activation): Judgement | undefined {
  const minutes = a.graceRemainingMinutes ?? 0;
  if (a.state !== 'activated' || !KMS_CLIENT_CHANNEL.test(a.channel ?? '') || minutes <= KMS_MAX_MINUTES) {
    return undefined;
  }
  const d = duration(minutes);
  return {
    code: 'crack-activator',
    message: `${p.name} has a KMS client licence valid for ${d.en}; genuine KMS activation lasts at most 180 days, longer periods are made by the KMS38/KMS4k crack activators.`,
    messageZh: `${p.zh}的 KMS 客户端许可有效期为 ${d.zh}；正版 KMS 激活最长 180 天，更长的期限是破解激活工具（KMS38/KMS4k）所致。`,
  };
}
