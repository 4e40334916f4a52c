import type { Activation, Category, Snapshot } from '@zhengban/shared';
import type { Recognition } from '../catalog/types.js';
import type { Install } from './assessment.js';
import type { ClassifyContext } from './context.js';
import { fact } from './finding.js';
import { catalogFact } from './requirement.js';
import { softwareFacts } from './software.js';

/** Windows activated by the key in the PC's firmware (MSDM table): bound to that computer. */
const OEM_FIRMWARE_CHANNEL = /^OEM[:_]DM$/i;

function implicitOf(r: Recognition, a: Activation | undefined): Install['implicit'] {
  const windows = r.product.id === 'windows' || r.product.id === 'windows-server';
  return windows && a?.state === 'activated' && OEM_FIRMWARE_CHANNEL.test(a.channel ?? '') ? 'oem-firmware' : null;
}

function install(r: Recognition, category: Category, subject: string, facts: string[], a?: Activation): Install {
  return {
    productId: r.product.id,
    product: r.product.name,
    productZh: r.product.nameZh,
    category,
    subject,
    edition: r.edition?.id ?? null,
    editionName: r.edition?.name ?? null,
    editionNameZh: r.edition?.nameZh ?? null,
    release: r.release ?? null,
    kmsHost: a?.kmsHost ?? null,
    implicit: implicitOf(r, a),
    installedBetween: null,
    facts: [...facts, catalogFact(r), ...(r.edition ? [fact('catalog.edition', r.edition.id)] : []), ...(r.release ? [fact('catalog.release', r.release)] : [])],
  };
}

/**
 * The commercial products on a machine, one per product: the OS, office suites,
 * antivirus and other software the catalog recognised and says a unit must buy. A
 * personal-use edition is not one: no licence can make it right, and it has its finding.
 */
export function installsOf(snapshot: Pick<Snapshot, 'os' | 'office' | 'antivirus' | 'software'>, ctx: ClassifyContext): Install[] {
  const out: Install[] = [];
  const add = (i: Install) => {
    if (!out.some((o) => o.productId === i.productId)) out.push(i);
  };
  const commercial = (r: Recognition | undefined): r is Recognition => r?.licence === 'commercial';
  const os = snapshot.os;
  if (commercial(ctx.recognised.os)) {
    const facts = [fact('os.name', os.name), ...(os.edition ? [fact('os.edition', os.edition)] : []), fact('os.activation.state', os.activation.state)];
    if (os.activation.channel) facts.push(fact('os.activation.channel', os.activation.channel));
    add(install(ctx.recognised.os, ctx.recognised.os.product.category, os.name, facts, os.activation));
  }
  snapshot.office.forEach((s, i) => {
    const r = ctx.recognised.office[i];
    if (!commercial(r)) return;
    const facts = [fact(`office[${i}].name`, s.name), ...(s.edition ? [fact(`office[${i}].edition`, s.edition)] : [])];
    if (s.serialInstalled !== undefined) facts.push(fact(`office[${i}].serialInstalled`, s.serialInstalled));
    add(install(r, r.product.category, s.name, facts, s.activation));
  });
  snapshot.antivirus.forEach((av, i) => {
    const r = ctx.recognised.antivirus[i];
    if (commercial(r)) add(install(r, r.product.category, av.name, [fact(`antivirus[${i}].name`, av.name)], av.activation));
  });
  for (const { index, item, recognition } of ctx.recognised.software) {
    if (!commercial(recognition) || recognition.product.category !== 'other') continue;
    if (ctx.lists.denied(item, ctx.unitAncestry)) continue;
    const installed = ctx.installed.get(item.name.toLowerCase());
    const i = install(recognition, 'other', item.name, softwareFacts(item, index, installed));
    add({ ...i, installedBetween: installed ?? null });
  }
  return out;
}
