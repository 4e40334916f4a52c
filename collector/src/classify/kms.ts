import type { Activation } from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import type { ClassifyPolicy } from './context.js';
import { KMS_CLIENT_CHANNEL, KMS_MAX_MINUTES } from './data/kms-hosts.js';
import { duration, type Judgement, type Product } from './finding.js';

/** Lower-cased host without port, brackets or trailing dot: `KMS.Org.CN.:1688` → `kms.org.cn`. */
export function normaliseHost(raw: string): string {
  let host = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) host = bracketed[1];
  else if (host.split(':').length === 2) host = host.slice(0, host.indexOf(':'));
  return host.replace(/\.$/, '');
}

/** An IPv4 address of a private network (10/8, 172.16/12, 192.168/16): one an organisation's own KMS may have. */
function isPrivateAddress(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function isTrustedHost(host: string, policy: ClassifyPolicy): boolean {
  return policy.trustedKmsHosts.some((t) => normaliseHost(t) === host);
}

/**
 * The crack tool a PC's KMS host belongs to by the catalog's `kms-host` rules, unless it
 * is a private address the organisation lists as its own KMS server: then the
 * organisation's KMS really sits at an address an activator also likes.
 */
export function crackToolOfPcHost(host: string, policy: ClassifyPolicy, catalog: CompiledCatalog) {
  const h = normaliseHost(host);
  const tool = catalog.recogniseTrace('kms-host', { name: h });
  const ours = isPrivateAddress(h) && isTrustedHost(h, policy);
  return tool?.licence === 'crack-tool' && !ours ? tool : undefined;
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
 * Order matters. A loopback host is a crack's emulator on the PC, whatever a policy
 * says. A host the catalog knows as a crack tool's (a public KMS server, an
 * activator's default address) is a crack, unless the organisation lists it as its own
 * (`crackToolOfPcHost`). Any other host must be in the policy.
 */
export function judgeKms(p: Product, a: Activation, policy: ClassifyPolicy, catalog: CompiledCatalog): Judgement | undefined {
  const host = a.kmsHost ? normaliseHost(a.kmsHost) : '';
  if (host) {
    if (isLoopback(host)) {
      return {
        code: 'crack-activator',
        message: `${p.name} is activated through a KMS emulator on the PC itself (KMS host ${a.kmsHost}), the trace left by crack activators such as KMS_VL_ALL and MAS KMS38.`,
        messageZh: `${p.zh}通过本机上的 KMS 模拟器激活（KMS 服务器 ${a.kmsHost}），这是破解激活工具（如 KMS_VL_ALL、KMS38）留下的痕迹。`,
      };
    }
    const tool = crackToolOfPcHost(host, policy, catalog);
    if (tool) {
      return {
        code: 'crack-activator',
        message: `${p.name} is set to activate through KMS host ${a.kmsHost}, which the catalog lists under the crack tool ${tool.product.name}, not the organisation's KMS server.`,
        messageZh: `${p.zh}的 KMS 服务器设置为 ${a.kmsHost}，这是破解工具 ${tool.product.nameZh} 使用的地址，不是本单位的 KMS 服务器。`,
      };
    }
    if (!isTrustedHost(host, policy)) {
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
