import type { Activation, Snapshot } from '@zhengban/shared';

/** The human summary `zhengban-agent scan` prints: what was measured, not a verdict. */
export function formatSummary(s: Snapshot): string {
  const { machine: m, os } = s;
  const out: string[] = [];
  const row = (label: string, value: string) => out.push(`${`${label}:`.padEnd(12)}${value}`);
  const sub = (value: string) => out.push(`${' '.repeat(12)}${value}`);

  row('Scan', `${s.collectedAt}  (agent ${s.agent.version}, ${s.agent.platform}/${s.agent.arch}, snapshot ${s.snapshotId})`);
  row('Machine', `${m.hostname}, ${m.chassis}${m.chassisSource ? ` (${m.chassisSource})` : ''}`);
  const hardware = [m.manufacturer, m.model].filter(Boolean).join(' ');
  if (hardware || m.serial) row('Hardware', [hardware || 'unknown model', m.serial && `serial ${m.serial}`].filter(Boolean).join(', '));
  row('OS', [os.name, os.edition, os.arch, os.kernel && `kernel ${os.kernel}`].filter(Boolean).join(', '));
  row('Activation', activation(os.activation));

  const list = (label: string, items: string[], empty: string) => {
    if (items.length === 0) return row(label, empty);
    items.forEach((item, i) => (i === 0 ? row(label, item) : sub(item)));
  };
  list('Office', s.office.map((o) => `${product(o.name, o.version, o.source)}: ${activation(o.activation, o.source)}`), 'none found');
  list('Antivirus', s.antivirus.map((a) => `${product(a.name, a.version, a.source)}: ${avState(a.enabled, a.upToDate)}`), 'none found');
  row('Software', softwareCounts(s));
  list('Errors', s.collectionErrors.map((e) => `${e.source} ${e.code}: ${e.message}`), 'none');
  return `${out.join('\n')}\n`;
}

function product(name: string, version: string | undefined, source: string): string {
  return `${name}${version ? ` ${version}` : ''} [${source}]`;
}

/** `shownSource` is already printed on the line, so it is not repeated. */
function activation(a: Activation, shownSource?: string): string {
  const source = a.source && a.source !== shownSource ? ` [${a.source}]` : '';
  return `${a.state}${a.reason ? `: ${a.reason}` : ''}${source}`;
}

function avState(enabled: boolean | null, upToDate: boolean | null): string {
  const on = enabled === null ? 'protection state unknown' : enabled ? 'protection on' : 'protection OFF';
  const defs = upToDate === null ? 'definitions state unknown' : upToDate ? 'definitions up to date' : 'definitions OUT OF DATE';
  return `${on}, ${defs}`;
}

function softwareCounts(s: Snapshot): string {
  if (s.software.length === 0) return '0 entries';
  const bySource = new Map<string, number>();
  for (const item of s.software) bySource.set(item.source, (bySource.get(item.source) ?? 0) + 1);
  const parts = [...bySource].sort(([a], [b]) => a.localeCompare(b)).map(([src, n]) => `${src} ${n}`);
  return `${s.software.length} entries (${parts.join(', ')})`;
}
