import { api } from '../api/endpoints';
import type { MachineFilter, MachineSummary } from '../api/types';
import { Pager } from '../components/Pager';
import { StatusBadge } from '../components/StatusBadge';
import { Async } from '../components/Status';
import { dateTime } from '../format';
import { t, useLang, type Key } from '../i18n';
import { href, navigate } from '../router';
import { useLoad } from '../use-load';
import { Filters } from './machines/Filters';
import { filterFromQuery, nextSort, queryOf } from './machines/url-filter';

const SORTABLE: { column: string; key: Key }[] = [
  { column: 'hostname', key: 'machine.hostname' },
  { column: 'unit', key: 'unit' },
  { column: 'status', key: 'filter.status' },
];

function SortHead(props: { column: string; label: string; filter: MachineFilter; onSort: (column: string) => void }) {
  const s = props.filter.sort;
  const mark = s === props.column ? ' ▲' : s === `-${props.column}` ? ' ▼' : '';
  const aria = s === props.column ? 'ascending' : s === `-${props.column}` ? 'descending' : 'none';
  return (
    <th aria-sort={aria}>
      <button type="button" class="link sort" onClick={() => props.onSort(props.column)}>
        {props.label}
        {mark}
      </button>
    </th>
  );
}

function Row(props: { m: MachineSummary }) {
  const m = props.m;
  return (
    <tr>
      <td>
        <a href={href(['machines', m.machineId])}>{m.hostname}</a>
      </td>
      <td>{m.unit}</td>
      <td>
        <StatusBadge status={m.status} stale={m.stale} />
      </td>
      <td>{m.user ?? ''}</td>
      <td>{m.assetNumber ?? ''}</td>
      <td>{m.ip ?? ''}</td>
      <td>{m.os ?? ''}</td>
      <td class="nowrap">{dateTime(m.lastSeen)}</td>
    </tr>
  );
}

/** The machine list, paged, sorted and filtered by the server; the filter is in the URL. */
export function Machines(props: { query: URLSearchParams }) {
  useLang();
  const filter = filterFromQuery(props.query);
  const key = JSON.stringify(filter);
  const list = useLoad(() => api.machines(filter), [key]);
  const units = useLoad(() => api.units(), []);
  const go = (f: MachineFilter) => navigate(['machines'], queryOf(f));
  const onSort = (column: string) => go({ ...filter, sort: nextSort(filter.sort, column), offset: 0 });

  return (
    <>
      <h1>{t('nav.machines')}</h1>
      <Filters filter={filter} units={units.data?.units ?? []} onChange={(patch) => go({ ...filter, ...patch })} />
      <Async state={list}>
        {(l) => (
          <>
            <div class="table-scroll">
              <table class="list machines" data-testid="machine-list">
                <thead>
                  <tr>
                    {SORTABLE.map((s) => (
                      <SortHead key={s.column} column={s.column} label={t(s.key)} filter={filter} onSort={onSort} />
                    ))}
                    <th>{t('machine.user')}</th>
                    <th>{t('machine.assetNumber')}</th>
                    <th>{t('machine.ip')}</th>
                    <th>{t('machine.os')}</th>
                    <SortHead column="lastSeen" label={t('machine.lastSeen')} filter={filter} onSort={onSort} />
                  </tr>
                </thead>
                <tbody>
                  {l.machines.map((m) => (
                    <Row key={m.machineId} m={m} />
                  ))}
                </tbody>
              </table>
            </div>
            {l.machines.length === 0 ? <p class="muted">{t('machines.none')}</p> : null}
            <Pager offset={filter.offset} limit={filter.limit} total={l.total} onOffset={(offset) => go({ ...filter, offset })} />
          </>
        )}
      </Async>
    </>
  );
}
