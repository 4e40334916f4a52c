import type { Finding, InspectionRecord, KitFile } from '@zhengban/shared';
import { CATEGORY_WORDS, FINDING_WORDS } from '../reports/finding-words.js';
import { activationZh, CHASSIS_ZH, chinaMinute, protectionZh } from './sheet-words.js';

/**
 * 计算机软件安装情况检查表 for one PC, as the kit prints it on site: the PC and what runs
 * on it, the verdict's findings under the form's headings with their plain words and
 * evidence, and the lines to sign. This file decides what the sheet says; sheet-html.ts
 * lays it out. Pure.
 */

export interface SheetRow {
  subject: string;
  conclusion: string;
  passed: boolean;
  message: string;
  evidence: string[];
  /** Facts left off to keep the page to one sheet. */
  more: number;
}

export interface SheetSection {
  heading: string;
  rows: SheetRow[];
  /** Said when the section has no finding. */
  none: string;
}

export interface SheetModel {
  fields: [string, string][];
  status: { words: string; passed: boolean };
  sections: SheetSection[];
  notes: string[];
  inspector: string;
}

/** A typical PC's findings fit one A4 page with this many facts a row (one more replaces the "more" line). */
const MAX_FACTS = 3;
const TRACE_CODES: ReadonlySet<Finding['code']> = new Set(['crack-activator', 'untrusted-kms']);
/** `office[0].name = …`: what the 软件 column says already, or where a fact was read; the paper keeps the facts that decided. */
const NAMING_FACT = /^[\w.[\]]*\.(name|edition|version|id|arch|vendor|source) = /;

/**
 * One row per product: the verdict may judge a product twice (its protection, and whether
 * a unit may run it), which the form reads as one line with both conclusions, failing first.
 */
function row(findings: readonly Finding[]): SheetRow {
  const ordered = [...findings].sort((a, b) => Number(a.passed) - Number(b.passed));
  const failing = ordered.filter((f) => !f.passed);
  const words = [...new Set((failing.length ? failing : ordered).map((f) => FINDING_WORDS[f.code].zh))];
  const telling = [...new Set(ordered.flatMap((f) => f.facts).filter((x) => !NAMING_FACT.test(x)))];
  const evidence = telling.length <= MAX_FACTS + 1 ? telling : telling.slice(0, MAX_FACTS);
  return {
    subject: ordered[0]!.subject,
    conclusion: words.join('、'),
    passed: failing.length === 0,
    message: ordered.map((f) => f.messageZh).join(''),
    evidence,
    // The naming facts left off are in the 软件 column: only deciding facts are counted as more.
    more: telling.length - evidence.length,
  };
}

function rows(findings: readonly Finding[]): SheetRow[] {
  const bySubject = new Map<string, Finding[]>();
  for (const f of findings) bySubject.set(f.subject, [...(bySubject.get(f.subject) ?? []), f]);
  return [...bySubject.values()].map(row);
}

/** The form's headings; a crack or KMS finding goes under its own, whatever it cracked. */
function sections(findings: readonly Finding[]): SheetSection[] {
  const traces = findings.filter((f) => TRACE_CODES.has(f.code));
  const of = (category: Finding['category']) => rows(findings.filter((f) => f.category === category && !TRACE_CODES.has(f.code)));
  return [
    { heading: CATEGORY_WORDS.os.zh, rows: of('os'), none: '未判定' },
    { heading: CATEGORY_WORDS.office.zh, rows: of('office'), none: '未发现办公软件' },
    { heading: CATEGORY_WORDS.antivirus.zh, rows: of('antivirus'), none: '未发现杀毒软件' },
    { heading: '其他需授权软件', rows: of('other'), none: '未发现' },
    { heading: '破解/激活工具痕迹', rows: rows(traces), none: '未发现' },
  ];
}

export function sheetModel(record: InspectionRecord, kit: KitFile): SheetModel {
  const { snapshot: s, verdict } = record;
  const m = s.machine;
  const os = [s.os.name, s.os.edition, s.os.version, s.os.arch].filter(Boolean).join(' ');
  const office = s.office.map((o) => `${[o.name, o.edition, o.version].filter(Boolean).join(' ')}：${activationZh(o.activation)}`);
  const antivirus = s.antivirus.map((a) => `${[a.name, a.version].filter(Boolean).join(' ')}：${protectionZh(a)}`);
  return {
    fields: [
      ['单位', record.unit ?? ''],
      ['检查时间', chinaMinute(record.inspectedAt)],
      ['计算机名', m.hostname],
      ['使用人', ''],
      ['类型', CHASSIS_ZH[m.chassis]],
      ['硬件序列号', m.serial ?? '未能读取'],
      ['制造商及型号', [m.manufacturer, m.model].filter(Boolean).join(' ')],
      ['抽查编号', record.spotCheckId ?? '—'],
      ['操作系统', `${os}；激活状态：${activationZh(s.os.activation)}`],
      ['办公软件', office.join('；') || '未发现'],
      ['杀毒软件', antivirus.join('；') || '未发现'],
    ],
    status: { words: verdict.status === 'licensed' ? '正版' : '存在问题', passed: verdict.status === 'licensed' },
    sections: sections(verdict.findings),
    notes: [
      `依据：检查工具包 ${kit.kitId}（${chinaMinute(kit.createdAt).slice(0, 10)} 生成），软件目录 ${record.catalogVersion}，判定规则 ${record.rulesVersion}。`,
      record.unit
        ? `授权按本机单独占用计算：工具包带有“${record.unit}”的授权记录，但不知道本单位其他计算机已占用的数量，是否超出购买数量以平台汇总为准。`
        : '工具包未带单位的授权记录：需授权的商业软件均按“无授权”判定，以平台导入后的判定为准。',
      `检查记录 ${s.snapshotId} 已由检查人员密钥签名保存，可导入平台核对。`,
    ],
    inspector: kit.inspector.name,
  };
}

/** `PC-01：存在问题（unauthorized）— 操作系统：破解激活、无授权；办公软件：无授权`: what the console shows. */
export function verdictLine(record: InspectionRecord): string {
  const { verdict } = record;
  const byCategory = new Map<Finding['category'], Set<string>>();
  for (const f of verdict.findings.filter((x) => !x.passed)) {
    byCategory.set(f.category, (byCategory.get(f.category) ?? new Set()).add(FINDING_WORDS[f.code].zh));
  }
  const failed = [...byCategory].map(([c, codes]) => `${CATEGORY_WORDS[c].zh}：${[...codes].join('、')}`);
  const words = verdict.status === 'licensed' ? '正版' : '存在问题';
  return `${record.snapshot.machine.hostname}：${words}（${verdict.status}）${failed.length ? ` — ${failed.join('；')}` : ''}`;
}
