import type { Activation, CollectionError, OperatingSystem } from '@zhengban/shared';
import { readSource } from '../io.js';
import { settle } from '../parts.js';
import { LINUX_OS } from '../sources/linux-os.js';
import { clip } from '../text.js';
import type { LinuxContext } from './context.js';
import { collectDeepinFamily } from './deepin.collect.js';
import { collectKylin } from './kylin.collect.js';
import { parseNeokylinRelease, parseProductInfo } from './neokylin.parse.js';
import { activationScheme, linuxActivation } from './os-activation.js';
import { linuxOs, parenthesis, type DistroFacts } from './os-identity.js';
import { collectOsRelease } from './os-release.collect.js';
import type { OsRelease } from './os-release.js';

interface DistroPart {
  facts: DistroFacts;
  activation: Activation;
  errors: CollectionError[];
}

/**
 * The OS part of a Linux scan: identity from os-release and the distribution's own
 * version files, activation from its licensing service. Only the distribution that
 * os-release names is asked (no D-Bus calls on a Debian desktop); anything that
 * fails leaves os-release's identity and an `unknown` activation with the reason.
 */
export async function collectLinuxOs(ctx: LinuxContext): Promise<{ os: OperatingSystem; errors: CollectionError[] }> {
  const release = await settle('os-release', () => collectOsRelease(ctx.io));
  const errors: CollectionError[] = release.ok ? [] : [release.error];
  const rel: OsRelease = release.ok ? release.value : {};

  let facts: DistroFacts = {};
  let activation = linuxActivation(rel);
  const part = await settle('os-activation', () => distroPart(ctx, rel));
  if (!part.ok) errors.push(part.error);
  else if (part.value) {
    ({ facts, activation } = part.value);
    errors.push(...part.value.errors);
  }
  return { os: linuxOs(rel, ctx.host, activation, facts), errors };
}

async function distroPart(ctx: LinuxContext, rel: OsRelease): Promise<DistroPart | undefined> {
  switch (activationScheme(rel)) {
    case 'kylin':
      return collectKylin(ctx.io, ctx.now);
    case 'uos':
      return collectDeepinFamily(ctx.io, 'uos');
    case 'deepin':
      return collectDeepinFamily(ctx.io, 'deepin');
    case 'neokylin':
      return collectNeokylin(ctx, rel);
    default:
      return undefined;
  }
}

/** NeoKylin: no readable activation, so identity only; the licence build stamp is quoted, not trusted. */
async function collectNeokylin(ctx: LinuxContext, rel: OsRelease): Promise<DistroPart> {
  const [release, productInfo] = await Promise.all([
    settle('neokylin-release', () => readSource(ctx.io, LINUX_OS.neokylinRelease)),
    settle('neokylin-productinfo', () => readSource(ctx.io, LINUX_OS.neokylinProductInfo)),
  ]);
  const errors = [release, productInfo].flatMap((r) => (r.ok ? [] : [r.error]));
  const facts: DistroFacts = {};
  const line = release.ok && release.value !== null ? parseNeokylinRelease(release.value) : undefined;
  const codename = parenthesis(line);
  if (codename && !rel.VERSION_CODENAME) facts.codename = codename;
  const build = productInfo.ok && productInfo.value !== null ? parseProductInfo(productInfo.value) : undefined;
  if (build) facts.build = build;
  const activation = linuxActivation(rel);
  if (build) activation.details = { ...activation.details, productinfo: clip(build, 100) };
  return { facts, activation, errors };
}
