/**
 * Other software (category `other`). The campaign: other unauthorised software found on
 * a PC must be fixed or removed, and staff must not install software freely. So a
 * denied program, or a personal-use-only one, is a finding; one that appeared after the
 * machine's first snapshot is an `unauthorized-install`. Commercial programs the catalog
 * knows (Adobe, Autodesk…) become installs that the registry must cover.
 */
import type { Finding, SoftwareItem } from '@zhengban/shared';
import type { ClassifyContext, InstalledBetween } from './context.js';
import { fact, installedWords, makeFinding, type Judgement, type Rule } from './finding.js';
import type { JudgedSnapshot } from './judged-snapshot.js';

function softwareFacts(item: SoftwareItem, i: number, installed: InstalledBetween | undefined): string[] {
  const facts = [fact(`software[${i}].name`, item.name)];
  if (item.publisher) facts.push(fact(`software[${i}].publisher`, item.publisher));
  if (item.version) facts.push(fact(`software[${i}].version`, item.version));
  facts.push(fact(`software[${i}].source`, item.source));
  if (installed) facts.push(fact('softwareChanges.installed', `between snapshots ${installed.previousSnapshotId} and ${installed.snapshotId} (${installed.at})`));
  return facts;
}

function deniedSoftware(snapshot: JudgedSnapshot, ctx: ClassifyContext): Finding[] {
  const findings: Finding[] = [];
  const recognisedAt = new Map(ctx.recognised.software.map((s) => [s.index, s.recognition]));
  const seen = new Set<string>();
  snapshot.software.forEach((item, i) => {
    const key = item.name.toLowerCase();
    if (seen.has(key)) return;
    const installed = ctx.installed.get(key);
    const denied = ctx.lists.denied(item, ctx.unitAncestry);
    const r = recognisedAt.get(i);
    let j: Judgement | undefined;
    if (denied) {
      const w = installedWords(installed);
      j = {
        code: installed ? 'unauthorized-install' : 'denied-software',
        message: `"${item.name}" is on the deny list (entry #${denied.id}: ${denied.reason}).${w.en}`,
        messageZh: `“${item.name}”在禁用软件清单中（第 ${denied.id} 条：${denied.reason}）。${w.zh}`,
      };
    } else if (r?.licence === 'personal-use-only' && r.product.category === 'other') {
      const w = installedWords(installed);
      j = {
        code: installed ? 'unauthorized-install' : 'personal-use-only',
        message: `"${item.name}" is ${r.product.name}, which ${r.product.vendor} licenses for personal use only; a unit's PC needs a licence for organisations.${w.en}`,
        messageZh: `“${item.name}”为 ${r.product.nameZh}，${r.product.vendorZh ?? r.product.vendor}仅授权个人使用，单位电脑须取得单位授权。${w.zh}`,
      };
    }
    if (!j) return;
    seen.add(key);
    findings.push(makeFinding('other', item.name, j, softwareFacts(item, i, installed)));
  });
  return findings;
}

export const softwareRules: readonly Rule[] = [deniedSoftware];
export { softwareFacts };
