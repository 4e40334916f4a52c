// The summary as a county's progress report prints it: Chinese first, English beside it.
import { FINDING_WORDS } from '@zhengban/collector';

/** Display width: CJK and full-width characters take two columns. */
const width = (s) => [...String(s)].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
const pad = (s, n, right = false) => {
  const gap = ' '.repeat(Math.max(0, n - width(s)));
  return right ? gap + s : s + gap;
};

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  // Figures right-aligned, words left-aligned, as the forms print them.
  const line = (cells) => cells.map((c, i) => pad(String(c), widths[i], typeof c === 'number' || /^[\d.]+%$/.test(String(c)))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

// The conclusions' words are the collector's, as its forms write them.
const CODE_WORDS = Object.fromEntries(Object.entries(FINDING_WORDS).map(([code, w]) => [code, w.zh]));

export function printSummary(s, out = console.log) {
  out('\n机器状态 Machines by status');
  out(table(['状态 status', '台数 machines'], Object.entries(s.byStatus).sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k === 'licensed' ? '正版 licensed' : k === 'unauthorized' ? '未正版 unauthorized' : k, v])));
  out('\n问题类型 Machines by finding code (a machine counts once per code)');
  out(table(['代码 code', '含义', '台数 machines'], Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => [k, CODE_WORDS[k] ?? '', v])));
  out('\n各单位正版化统计 Per unit: the campaign\'s figures');
  const header = ['单位 unit', '编制 staff', '计算机 PCs', '台式 desk', '便携 laptop', '正版OS', '正版办公 office', '正版杀毒 AV', '三项全正版 all 3', '正版率 rate'];
  const row = (name, r, headcount) => [name, headcount ?? '', r.computers, r.desktops, r.laptops, r.os, r.office, r.antivirus, r.allThree, pct(r.allThree, r.computers)];
  out(table(header, [...s.units.map((u) => row(u.unit, u, u.headcount)), row('合计 total', s.total, s.units.reduce((a, u) => a + (u.headcount ?? 0), 0))]));
  out('\n软件资产台账 Licence ledger (seats after disposals; allocated = machines holding a seat)');
  out(table(['#', '产品 product', '版本 edition', '方式 model', '单位 unit', '数量 seats', '已分配 allocated', '有效期至 until', '授权文本 document'],
    s.licences.map((l) => [l.id, l.product, l.edition ?? '-', l.model, l.unit, l.effectiveSeats ?? '不限 unlimited', l.allocated, l.validUntil ?? '-', l.document ? '有 yes' : '-'])));
  if (s.review.length) {
    out('\n待审核软件 Software for review (unrecognised, not on a list), top 10');
    out(table(['名称 name', '台数 machines'], s.review.map((r) => [r.name, r.machines])));
  }
}
