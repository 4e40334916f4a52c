import type { Overview, OverviewUnit, Rates, Reason } from '../schema/dashboard.js';
import { CATEGORY_WORDS, FINDING_WORDS } from './finding-words.js';
import type { MachineState } from './machine-state.js';
import { countLines, rate, type Counts } from './statistics.js';
import type { ReportUnit } from './unit-tree.js';

/**
 * The dashboard's overview of a unit's subtree: the totals, the rates of the statistics
 * form, each unit below with its whole subtree's figures (behind first), and why
 * machines are unauthorized. The counting is the statistics form's (countLines), so
 * the page and the form agree. Pure.
 */
export interface OverviewInput {
  units: readonly ReportUnit[];
  rootId: number;
  machines: readonly MachineState[];
  asOf: string;
}

export function ratesOf(c: Counts): Rates {
  return {
    os: rate(c.genuine.os, c.reporting),
    office: rate(c.genuine.office, c.reporting),
    antivirus: rate(c.genuine.antivirus, c.reporting),
    all: rate(c.allGenuine, c.reporting),
  };
}

/** Behind first: a unit with computers and none reporting, then the lowest rate on all three, then the most not reporting. */
function behindFirst(a: OverviewUnit, b: OverviewUnit): number {
  const ra = a.rates.all ?? -1;
  const rb = b.rates.all ?? -1;
  return ra - rb || b.notReporting - a.notReporting || b.computers - a.computers || a.name.localeCompare(b.name, 'zh');
}

function reasonsOf(machines: readonly MachineState[]): Reason[] {
  const counts = new Map<string, Reason>();
  for (const m of machines) {
    if (m.reporting !== 'reporting') continue;
    for (const f of m.failing) {
      const key = `${f.category}:${f.code}`;
      const r = counts.get(key);
      if (r) r.machines += m.count;
      else {
        const c = CATEGORY_WORDS[f.category];
        const w = FINDING_WORDS[f.code];
        counts.set(key, { category: f.category, code: f.code, machines: m.count, zh: `${c.zh}：${w.zh}`, en: `${c.en}: ${w.en}` });
      }
    }
  }
  return [...counts.values()].sort((a, b) => b.machines - a.machines || a.en.localeCompare(b.en));
}

export function overview(input: OverviewInput): Overview {
  const lines = countLines(input.units, input.rootId, input.machines);
  // A unit's subtree figures: its subtotal line when it has subunits, else its own line.
  const subtree = new Map<number, { counts: Counts; level: number }>();
  for (const l of lines) if (l.kind !== 'total' && (l.kind === 'subtotal' || !subtree.has(l.unit.id))) subtree.set(l.unit.id, { counts: l.value, level: l.level });
  const total = lines.at(-1)?.value;
  const root = input.units.find((u) => u.id === input.rootId);
  if (!root || !total) throw new Error(`unit ${input.rootId} is not in the tree`);
  const units: OverviewUnit[] = [];
  for (const u of input.units) {
    const s = subtree.get(u.id);
    if (!s || u.id === input.rootId || s.counts.computers === 0) continue;
    const c = s.counts;
    units.push({
      id: u.id, name: u.name, parentId: u.parentId, level: s.level,
      computers: c.computers, reporting: c.reporting, notReporting: c.notReporting, unauthorized: c.reporting - c.licensed, rates: ratesOf(c),
    });
  }
  return {
    unit: { id: root.id, name: root.name },
    asOf: input.asOf,
    totals: { machines: total.computers, licensed: total.licensed, unauthorized: total.reporting - total.licensed, notReporting: total.notReporting },
    rates: ratesOf(total),
    units: units.sort(behindFirst),
    reasons: reasonsOf(input.machines),
  };
}
