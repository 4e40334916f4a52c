import type { ReportColumn, ReportLang, ReportRow, ReportTable, Words } from '../schema/reports.js';
import type { Person, PersonRole } from '../schema/units.js';
import { treeLines, type ReportUnit } from './unit-tree.js';
import { unitKindWords } from './statistics.js';

/**
 * 正版化工作责任人信息汇总表: per unit its 主要负责人, 分管领导 and 联络员, each with 职务 and
 * 电话, and which of the three the unit has not named yet, so the office knows whom to
 * chase. Units in tree order; no totals. Pure.
 */
export interface ResponsiblesInput {
  units: readonly ReportUnit[];
  rootId: number;
  people: readonly Person[];
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

const ROLES: readonly { role: PersonRole; key: string; words: Words }[] = [
  { role: 'first-responsible', key: 'first', words: { zh: '主要负责人', en: 'Head of unit' } },
  { role: 'leader-in-charge', key: 'leader', words: { zh: '分管领导', en: 'Leader in charge' } },
  { role: 'contact', key: 'contact', words: { zh: '联络员', en: 'Contact' } },
];

export const RESPONSIBLES_COLUMNS: readonly ReportColumn[] = [
  { key: 'unit', zh: '单位名称', en: 'Unit', type: 'text' },
  { key: 'kind', zh: '单位类别', en: 'Unit type', type: 'text' },
  ...ROLES.flatMap(({ key, words }) => [
    { key: `${key}Name`, zh: '姓名', en: 'Name', type: 'text' as const, group: words },
    { key: `${key}Title`, zh: '职务', en: 'Post', type: 'text' as const, group: words },
    { key: `${key}Phone`, zh: '电话', en: 'Telephone', type: 'text' as const, group: words },
  ]),
  { key: 'missing', zh: '未填报', en: 'Not named', type: 'text' },
];

// Several people in one role (two contacts) share the cell, in the order they were named.
const SEPARATOR: Record<ReportLang, string> = { zh: '、', en: '; ' };

export function responsiblesReport(input: ResponsiblesInput): ReportTable {
  const { lang } = input;
  const byUnit = new Map<number, Person[]>();
  for (const p of [...input.people].sort((a, b) => a.id - b.id)) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  const lines = treeLines(input.units, input.rootId, () => 0, (a, b) => a + b).filter((l) => l.kind === 'unit');
  const rows: ReportRow[] = lines.map((l) => {
    const people = byUnit.get(l.unit.id) ?? [];
    const cells: ReportRow['cells'] = { unit: l.unit.name, kind: unitKindWords(l.unit.kind)[lang] };
    const missing: string[] = [];
    for (const { role, key, words } of ROLES) {
      const named = people.filter((p) => p.role === role);
      if (named.length === 0) missing.push(words[lang]);
      cells[`${key}Name`] = named.map((p) => p.name).join(SEPARATOR[lang]) || null;
      // A dash keeps a post in line with its person when one of several has none.
      cells[`${key}Title`] = named.some((p) => p.title) ? named.map((p) => p.title || '—').join(SEPARATOR[lang]) : null;
      cells[`${key}Phone`] = named.map((p) => p.phone).join(SEPARATOR[lang]) || null;
    }
    cells.missing = missing.join(SEPARATOR[lang]) || null;
    return { kind: 'unit', level: l.level, unitId: l.unit.id, cells };
  });
  const root = input.units.find((u) => u.id === input.rootId);
  const unnamed = rows.filter((r) => r.cells.missing !== null).length;
  return {
    report: 'responsibles',
    title: { zh: `${root?.name ?? ''}软件正版化工作责任人信息汇总表`, en: `Persons responsible for software licensing: ${root?.name ?? ''}` },
    unit: root?.name ?? '',
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...RESPONSIBLES_COLUMNS],
    rows,
    notes: [
      {
        zh: `共 ${rows.length} 个单位，其中 ${unnamed} 个尚未填齐三类责任人。责任人信息为当前登记的信息。`,
        en: `${rows.length} units, of which ${unnamed} have not named all three roles yet. The persons are those registered now.`,
      },
    ],
  };
}
