import type { ReportLang } from '../../schema/reports.js';

/**
 * The words around the spot check register on paper, shared by its XLSX and DOCX: the
 * unit stamps it to confirm it is true (forms.md), and its head and the inspectors sign.
 */
export const REGISTER_WORDS: Record<ReportLang, { sheet: string; unit: string; date: string; sign: readonly string[] }> = {
  zh: {
    sheet: '抽查登记表',
    unit: '被检查单位',
    date: '抽查日期',
    sign: ['被检查单位（盖章）：', '负责人（签字）：', '检查人员（签字）：', '日期：　　年　　月　　日'],
  },
  en: {
    sheet: 'Spot check register',
    unit: 'Unit checked',
    date: 'Date of the spot check',
    sign: ['Unit checked (seal):', 'Head of unit (signature):', 'Inspectors (signature):', 'Date:'],
  },
};

/** Column widths in characters by column key (a CJK character takes two); the DOCX takes them as shares. */
export const REGISTER_WIDTHS: Record<string, number> = { no: 5, department: 12, computer: 16, kind: 7, os: 18, office: 16, antivirus: 16, verdict: 11, label: 11, agent: 12, differences: 34, remark: 18 };
