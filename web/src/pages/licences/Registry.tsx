import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AuditEntry, ListEntry, ReviewItem } from '../../api/types';
import { api } from '../../api/endpoints';
import { Async } from '../../components/Status';
import { count, dateOnly, dateTime } from '../../format';
import { t, useLang } from '../../i18n';
import { useLoad } from '../../use-load';
import { Head, type Column } from '../../components/Head';

/** Installed software no catalog product or list entry accounts for, most machines first. */
export function Review(props: { items: ReviewItem[] }) {
  useLang();
  if (props.items.length === 0) return <p class="muted">{t('review.none')}</p>;
  return (
    <table class="list" data-testid="review">
      <Head columns={['software.name', 'software.publisher', 'software.version', ['review.machines', 'num'], 'review.firstSeen']} />
      <tbody>
        {props.items.map((r, i) => (
          <tr key={i}>
            <td>{r.name}</td>
            <td>{r.publisher ?? ''}</td>
            <td>{r.versions.join(', ')}</td>
            <td class="num">{count(r.machines)}</td>
            <td>{dateOnly(r.firstSeen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const LIST_COLUMNS: Column[] = ['lists.list', 'lists.pattern', 'software.publisher', 'unit', 'lists.reason', 'lists.by'];

/** The deny and allow lists; `actions`: what an admin may do with an entry, at the end of its row. */
export function Lists(props: { entries: ListEntry[]; actions?: (e: ListEntry) => ComponentChildren }) {
  useLang();
  if (props.entries.length === 0) return <p class="muted">{t('empty')}</p>;
  return (
    <table class="list" data-testid="lists">
      <Head columns={props.actions ? [...LIST_COLUMNS, 'actions'] : LIST_COLUMNS} />
      <tbody>
        {props.entries.map((e) => (
          <tr key={e.id} data-entry={e.id}>
            <td>
              <span class={`badge ${e.list === 'deny' ? 'unauthorized' : 'licensed'}`}>{t(`lists.${e.list}`)}</span>
            </td>
            <td>
              <code>{e.name}</code>
            </td>
            <td>{e.publisher ?? ''}</td>
            <td>{e.unit ?? t('lists.everywhere')}</td>
            <td>{e.reason}</td>
            <td class="muted">
              {e.createdBy} · {dateOnly(e.createdAt)}
            </td>
            {props.actions ? <td class="row-actions">{props.actions(e)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const AUDIT_PAGE = 50;

function AuditRow(props: { e: AuditEntry }) {
  const { e } = props;
  return (
    <tr>
      <td class="nowrap">{dateTime(e.at)}</td>
      <td>{e.actor}</td>
      <td>
        <code>{e.action}</code>
      </td>
      <td>{e.target ?? ''}</td>
      <td class="detail">{e.detail ? <code>{JSON.stringify(e.detail)}</code> : ''}</td>
    </tr>
  );
}

/** Who changed what and when (admins only), newest first, fifty at a time. */
export function Audit() {
  useLang();
  const [offset, setOffset] = useState(0);
  const log = useLoad(() => api.audit(offset), [offset]);
  return (
    <Async state={log}>
      {(l) => (
        <>
          <table class="list" data-testid="audit">
            <Head columns={['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.detail']} />
            <tbody>
              {l.entries.map((e) => (
                <AuditRow key={e.id} e={e} />
              ))}
            </tbody>
          </table>
          <div class="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - AUDIT_PAGE))}>
              {t('pager.prev')}
            </button>
            <button type="button" disabled={l.entries.length < AUDIT_PAGE} onClick={() => setOffset(offset + AUDIT_PAGE)}>
              {t('pager.next')}
            </button>
          </div>
        </>
      )}
    </Async>
  );
}
