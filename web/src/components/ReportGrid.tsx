import type { ReportColumn, ReportRow } from '../api/types';
import { count, percent } from '../format';
import { pick, useLang } from '../i18n';
import { href } from '../router';

// A report's table as the form lays it out: two heading rows (操作系统 over 正版数, 非正版数,
// 正版率), units indented by depth, subtotals and the total in bold. The same JSON the
// CSV and XLSX are made from, so the page shows the forms' own figures.

type Cell = ReportRow['cells'][string];

export function formatCell(value: Cell | undefined, type: ReportColumn['type']): string {
  if (value === null || value === undefined) return type === 'text' ? '' : '—';
  if (typeof value === 'string') return value;
  switch (type) {
    case 'rate':
      return percent(value);
    case 'change':
      return `${value > 0 ? '+' : ''}${percent(value)}`;
    case 'money':
      return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default:
      return count(value);
  }
}

interface HeadGroup {
  label: string | null;
  columns: ReportColumn[];
}

/** Neighbouring columns under the same upper heading, merged as the form merges them. */
function groups(columns: ReportColumn[]): HeadGroup[] {
  const out: HeadGroup[] = [];
  for (const c of columns) {
    const label = c.group ? pick(c.group) : null;
    const last = out[out.length - 1];
    if (last && label !== null && last.label === label) last.columns.push(c);
    else out.push({ label, columns: [c] });
  }
  return out;
}

export function ReportGrid(props: { columns: ReportColumn[]; rows: ReportRow[]; linkUnits?: boolean; caption?: string }) {
  useLang();
  const heads = groups(props.columns);
  const twoRows = heads.some((h) => h.label !== null);
  const first = props.columns[0]?.key;
  return (
    <div class="table-scroll">
      <table class="report">
        {props.caption ? <caption>{props.caption}</caption> : null}
        <thead>
          <tr>
            {heads.map((h, i) =>
              h.label === null ? (
                h.columns.map((c) => (
                  <th key={c.key} rowSpan={twoRows ? 2 : 1} class={c.type === 'text' ? undefined : 'num'}>
                    {pick(c)}
                  </th>
                ))
              ) : (
                <th key={`g${i}`} colSpan={h.columns.length} class="group">
                  {h.label}
                </th>
              ),
            )}
          </tr>
          {twoRows ? (
            <tr>
              {heads.flatMap((h) => (h.label === null ? [] : h.columns.map((c) => <th key={c.key} class="num">{pick(c)}</th>)))}
            </tr>
          ) : null}
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i} class={`row-${r.kind}`}>
              {props.columns.map((c) => {
                const text = formatCell(r.cells[c.key], c.type);
                if (c.key !== first) return <td key={c.key} class={c.type === 'text' ? undefined : 'num'}>{text}</td>;
                return (
                  <td key={c.key} class="name" style={{ paddingLeft: `${0.5 + r.level * 1.2}em` }}>
                    {props.linkUnits && r.kind === 'unit' && r.unitId !== undefined ? <a href={href(['units', r.unitId])}>{text}</a> : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
