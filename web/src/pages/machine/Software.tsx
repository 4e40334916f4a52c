import { useState } from 'preact/hooks';
import type { SoftwareChange, SoftwareItem } from '../../api/types';
import { dateOnly, dateTime } from '../../format';
import { t, useLang } from '../../i18n';
import { Head } from '../../components/Head';

const SHOWN = 100;

/** What the latest snapshot lists as installed, searchable by name or publisher. */
export function SoftwareList(props: { items: SoftwareItem[] }) {
  useLang();
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const hits = needle ? props.items.filter((s) => `${s.name} ${s.publisher ?? ''}`.toLowerCase().includes(needle)) : props.items;
  const sorted = [...hits].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <input type="search" class="inline-search" placeholder={t('software.search')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      <div class="table-scroll short">
        <table class="list" data-testid="software">
          <Head columns={['software.name', 'software.version', 'software.publisher', 'software.installed']} />
          <tbody>
            {sorted.slice(0, SHOWN).map((s, i) => (
              <tr key={i}>
                <td>{s.name}</td>
                <td>{s.version ?? ''}</td>
                <td>{s.publisher ?? ''}</td>
                <td class="nowrap">{s.installDate ? dateOnly(s.installDate) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('software.count', { shown: Math.min(SHOWN, sorted.length), n: sorted.length })}</p>
    </>
  );
}

/** Installs, removals and version changes between snapshots, newest first. */
export function SoftwareChanges(props: { changes: SoftwareChange[] }) {
  useLang();
  if (props.changes.length === 0) return <p class="muted">{t('empty')}</p>;
  return (
    <div class="table-scroll short">
      <table class="list" data-testid="changes">
        <Head columns={['change.at', 'change.kind', 'software.name', 'software.version']} />
        <tbody>
          {props.changes.map((c) => (
            <tr key={c.id}>
              <td class="nowrap">{dateTime(c.at)}</td>
              <td>{t(`change.${c.change}`)}</td>
              <td>{c.name}</td>
              <td>{c.change === 'changed' ? `${c.versionBefore ?? '?'} → ${c.versionAfter ?? '?'}` : (c.versionAfter ?? c.versionBefore ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
