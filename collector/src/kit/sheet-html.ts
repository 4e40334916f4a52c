import type { InspectionRecord, KitFile } from '@zhengban/shared';
import { sheetModel, type SheetModel, type SheetSection } from './sheet.js';

/**
 * The sheet as one self-contained HTML page: no script, no external file, so it opens
 * from the stick in any browser and prints on one A4 page (@page) for a typical PC.
 * On screen it is drawn as the sheet of paper it will be.
 */

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const CSS = `
@page { size: A4; margin: 12mm 13mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 9pt/1.4 "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; color: #000; }
.sheet { width: 184mm; margin: 0 auto; }
h1 { font: bold 16pt/1.3 "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; text-align: center; letter-spacing: 0.1em; margin: 0 0 2.5mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 2.5mm; }
th, td { border: 0.6pt solid #000; padding: 0.8mm 1.4mm; vertical-align: top; text-align: left; }
th { font-weight: bold; background: #f0f0f0; white-space: nowrap; }
.info th { width: 21mm; }
.info td.blank { min-width: 40mm; }
.result { font-size: 12pt; font-weight: bold; padding: 1.2mm 1.6mm; border: 1.2pt solid #000; margin-bottom: 2.5mm; }
.result .bad { color: #b00000; }
.findings th.part { width: 21mm; }
.findings td.subject { width: 36mm; }
.findings td.conclusion { width: 19mm; white-space: nowrap; font-weight: bold; }
.findings td.conclusion.bad { color: #b00000; }
.evidence { margin: 0.6mm 0 0; padding: 0; list-style: none; font: 7pt/1.3 "Noto Sans Mono CJK SC", "Consolas", monospace; color: #333; word-break: break-all; }
.none { color: #444; }
.notes { font-size: 7.5pt; line-height: 1.35; margin: 0 0 3mm; padding-left: 4mm; }
.notes, .signs { break-inside: avoid; }
.signs { display: flex; justify-content: space-between; font-size: 10.5pt; margin-top: 3mm; }
.signs span { display: inline-block; border-bottom: 0.6pt solid #000; min-width: 34mm; }
.hint { display: none; }
@media screen {
  body { background: #e8e8e8; padding: 8mm 0; }
  .sheet { background: #fff; padding: 12mm 13mm; width: 210mm; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3); }
  .hint { display: block; text-align: center; color: #666; font-size: 9pt; margin-bottom: 3mm; }
}
`;

function info(m: SheetModel): string {
  const cells = (k: string, v: string) => `<th>${esc(k)}</th><td${k === '使用人' ? ' class="blank"' : ''}>${esc(v)}</td>`;
  const rows: string[] = [];
  // The first eight facts go two to a line; the OS and software lists take a whole line.
  for (let i = 0; i < 8; i += 2) rows.push(`<tr>${cells(...m.fields[i]!)}${cells(...m.fields[i + 1]!)}</tr>`);
  for (const [k, v] of m.fields.slice(8)) rows.push(`<tr><th>${esc(k)}</th><td colspan="3">${esc(v)}</td></tr>`);
  return `<table class="info">${rows.join('')}</table>`;
}

function section(s: SheetSection): string {
  const span = Math.max(1, s.rows.length);
  const head = `<th class="part" rowspan="${span}">${esc(s.heading)}</th>`;
  if (s.rows.length === 0) return `<tr>${head}<td colspan="3" class="none">${esc(s.none)}</td></tr>`;
  return s.rows.map((r, i) => {
    const facts = [...r.evidence, ...(r.more ? [`……另 ${r.more} 条，见导入平台后的判定详情`] : [])];
    const evidence = facts.length ? `<ul class="evidence">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : '';
    return `<tr>${i === 0 ? head : ''}<td class="subject">${esc(r.subject)}</td><td class="conclusion${r.passed ? '' : ' bad'}">${esc(r.conclusion)}</td><td>${esc(r.message)}${evidence}</td></tr>`;
  }).join('');
}

export function inspectionSheet(record: InspectionRecord, kit: KitFile): string {
  const m = sheetModel(record, kit);
  const findings = `<table class="findings"><tr><th>项目</th><th>软件</th><th>结论</th><th>说明及依据</th></tr>${m.sections.map(section).join('')}</table>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>计算机软件安装情况检查表 ${esc(record.snapshot.machine.hostname)}</title>
<style>${CSS}</style></head>
<body><div class="sheet">
<p class="hint">按 Ctrl+P 打印（A4 纵向，一页）</p>
<h1>计算机软件安装情况检查表</h1>
${info(m)}
<div class="result">检查结论：<span class="${m.status.passed ? 'ok' : 'bad'}">${esc(m.status.words)}</span></div>
${findings}
<ol class="notes">${m.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>
<div class="signs"><div>使用人签字：<span></span></div><div>检查人员签字：<span>${esc(m.inspector)}</span></div><div>日期：<span></span></div></div>
</div></body></html>
`;
}
