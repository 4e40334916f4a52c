import type { CatalogProduct } from '../schema/catalog.js';
import type { ReportColumn, ReportLang, ReportRow, ReportTable, Words } from '../schema/reports.js';
import { changesPart, type LedgerChange } from './ledger-changes.js';
import { detailPart, type LedgerMachine } from './ledger-detail.js';
import type { LedgerBasis } from './ledger-items.js';
import { treeLines, type ReportUnit } from './unit-tree.js';

/**
 * 软件资产台账, the software-asset ledger a unit keeps, as its three attached tables
 * (shared/domain/forms.md): 附表1 软件使用情况汇总表, per unit its staff, computers and
 * the copies of software in use by how they are licensed; 附表2 软件使用情况明细表, per
 * computer and its user each copy with its edition, licence and state; 附表3
 * 软件安装维护情况明细表, per product every install and removal in the period. A copy is
 * one product on one computer; 附表1 sums 附表2. Pure.
 */
export interface LedgerInput {
  units: readonly ReportUnit[];
  rootId: number;
  machines: readonly LedgerMachine[];
  changes: readonly LedgerChange[];
  /** The period of 附表3: from (included) to the report's moment. */
  since: string;
  product: (id: string) => CatalogProduct | undefined;
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

interface Copies {
  headcount: number | null;
  computers: number;
  notReporting: number;
  basis: Record<LedgerBasis, number>;
}

const zero = (): Copies => ({ headcount: null, computers: 0, notReporting: 0, basis: { licensed: 0, unlicensed: 0, oem: 0, free: 0 } });

function add(a: Copies, b: Copies): Copies {
  const x = a.basis;
  const y = b.basis;
  return {
    headcount: a.headcount === null && b.headcount === null ? null : (a.headcount ?? 0) + (b.headcount ?? 0),
    computers: a.computers + b.computers,
    notReporting: a.notReporting + b.notReporting,
    basis: { licensed: x.licensed + y.licensed, unlicensed: x.unlicensed + y.unlicensed, oem: x.oem + y.oem, free: x.free + y.free },
  };
}

const COMMERCIAL: Words = { zh: '商业软件（套）', en: 'Commercial software (copies)' };

export const SUMMARY_COLUMNS: readonly ReportColumn[] = [
  { key: 'unit', zh: '单位名称', en: 'Unit', type: 'text' },
  { key: 'headcount', zh: '编制人数', en: 'Staff', type: 'integer' },
  { key: 'computers', zh: '计算机（台）', en: 'Computers', type: 'integer' },
  { key: 'notReporting', zh: '其中未上报（台）', en: 'of which not reporting', type: 'integer' },
  { key: 'licensed', zh: '正版', en: 'Licensed', type: 'integer', group: COMMERCIAL },
  { key: 'unlicensed', zh: '非正版', en: 'Not licensed', type: 'integer', group: COMMERCIAL },
  { key: 'oem', zh: 'OEM 预装软件（套）', en: 'OEM pre-installed (copies)', type: 'integer' },
  { key: 'free', zh: '免费软件（套）', en: 'Free software (copies)', type: 'integer' },
  { key: 'copies', zh: '合计（套）', en: 'All copies', type: 'integer' },
];

const LABELS = { subtotal: { zh: '小计', en: 'subtotal' }, total: { zh: '合计', en: 'Total' } } satisfies Record<string, Words>;

function summaryRows(input: LedgerInput): ReportRow[] {
  const own = new Map<number, Copies>();
  for (const m of input.machines) {
    let c = own.get(m.unitId);
    if (!c) own.set(m.unitId, (c = zero()));
    c.computers++;
    if (m.state !== 'reporting') {
      c.notReporting++;
      continue;
    }
    for (const item of m.items) c.basis[item.basis]++;
  }
  const { lang } = input;
  return treeLines(input.units, input.rootId, (u) => ({ ...(own.get(u.id) ?? zero()), headcount: u.headcount }), add).map((l) => {
    const b = l.value.basis;
    return {
      kind: l.kind,
      level: l.level,
      unitId: l.unit.id,
      cells: {
        unit: l.kind === 'unit' ? l.unit.name : l.kind === 'subtotal' ? `${l.unit.name} ${LABELS.subtotal[lang]}` : LABELS.total[lang],
        headcount: l.value.headcount,
        computers: l.value.computers,
        notReporting: l.value.notReporting,
        licensed: b.licensed,
        unlicensed: b.unlicensed,
        oem: b.oem,
        free: b.free,
        copies: b.licensed + b.unlicensed + b.oem + b.free,
      },
    };
  });
}

export function ledgerReport(input: LedgerInput): ReportTable {
  const root = input.units.find((u) => u.id === input.rootId);
  const name = root?.name ?? '';
  return {
    report: 'ledger',
    title: { zh: `${name}软件资产台账 附表1 软件使用情况汇总表`, en: `Software asset ledger, table 1: software in use, by unit: ${name}` },
    unit: name,
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...SUMMARY_COLUMNS],
    rows: summaryRows(input),
    notes: [
      {
        zh: '每台计算机上的每种软件产品计一套，取自该时点的判定：操作系统、办公软件、杀毒软件，以及软件目录中须购买授权的其他商业软件；目录中的其他免费软件不逐一登记。只计已上报的计算机，未上报的单列。',
        en: 'One copy is one product on one computer, from the verdicts of the moment: the operating system, office software, antivirus, and other commercial software the catalog says must be licensed; other free programs are not listed one by one. Only computers reporting are counted; those not reporting are shown apart.',
      },
      {
        zh: '“OEM 预装”为随电脑购置的授权（电脑固件中的 OEM 密钥，或登记为 OEM 的授权）；“免费”为开源、对单位免费或随系统授权的产品。授权的来源、编号、有效期和购买日期见授权台账（平台“授权登记”，GET /api/v1/licences.csv），附表2 的授权编号即其编号。',
        en: '"OEM" copies came with the computer (the OEM key in its firmware, or a licence registered as OEM); "free" are open-source, free-for-organisations or bundled products. The licences themselves (source, number, validity, purchase date) are the licence ledger (GET /api/v1/licences.csv), whose numbers table 2 quotes.',
      },
    ],
    parts: [detailPart(input), changesPart(input)].map((p) => ({ ...p, title: { zh: `${name}软件资产台账 ${p.title.zh}`, en: `${p.title.en}: ${name}` } })),
  };
}
