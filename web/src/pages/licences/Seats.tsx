import type { ComponentChildren } from 'preact';
import type { LicenceView } from '../../api/types';
import { SplitBar } from '../../components/Bar';
import { count, daysUntil } from '../../format';
import { t, useLang } from '../../i18n';
import { href } from '../../router';
import { Head, type Column } from '../../components/Head';

/** Expiring within this many days is worth a line on the page. */
const AHEAD_DAYS = 90;

function seatsLabel(l: LicenceView): string {
  if (l.effectiveSeats === null) return t('seats.unlimited', { used: count(l.allocated) });
  return t('seats.usedOf', { used: count(l.allocated), total: count(l.effectiveSeats), free: count(Math.max(0, l.effectiveSeats - l.allocated)) });
}

function Expiry(props: { day: string | null }) {
  if (!props.day) return <span class="muted">{t('expiry.none')}</span>;
  const days = daysUntil(props.day);
  const tone = days < 0 ? 'bad' : days <= AHEAD_DAYS ? 'warn' : '';
  return (
    <span class={tone}>
      {props.day} {days < 0 ? t('expiry.past', { n: -days }) : days <= AHEAD_DAYS ? t('expiry.in', { n: days }) : ''}
    </span>
  );
}

const COLUMNS: Column[] = ['licence.product', 'unit', 'licence.model', ['seats.col', 'bar'], 'licence.validUntil'];

/**
 * Each licence's seats in use and free, and the ones running out soon listed first above.
 * `actions`: what an admin may do with a licence, at the end of its row.
 */
export function Seats(props: { licences: LicenceView[]; actions?: (l: LicenceView) => ComponentChildren }) {
  useLang();
  const ahead = props.licences
    .filter((l) => l.validUntil !== null && daysUntil(l.validUntil) <= AHEAD_DAYS)
    .sort((a, b) => (a.validUntil ?? '').localeCompare(b.validUntil ?? ''));
  return (
    <>
      <section class="card">
        <h2>{t('expiry.title', { n: AHEAD_DAYS })}</h2>
        {ahead.length === 0 ? (
          <p class="muted">{t('expiry.noneAhead')}</p>
        ) : (
          <ul class="plain">
            {ahead.map((l) => (
              <li key={l.id}>
                <Expiry day={l.validUntil} /> · {l.product}
                {l.edition ? ` ${l.edition}` : ''} · <a href={href(['units', l.unitId])}>{l.unit}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{t('seats.title')}</h2>
        <div class="table-scroll">
          <table class="list" data-testid="licences">
            <Head columns={props.actions ? [...COLUMNS, 'actions'] : COLUMNS} />
            <tbody>
              {props.licences.map((l) => (
                <tr key={l.id} data-licence={l.id}>
                  <td>
                    {l.product}
                    {l.edition ? <span class="muted"> {l.edition}</span> : null}
                    {l.versionFrom || l.versionTo ? <span class="muted"> {[l.versionFrom, l.versionTo].filter(Boolean).join('–')}</span> : null}
                  </td>
                  <td>{l.unit}</td>
                  <td>{t(`model.${l.model}`)}</td>
                  <td class="bar-col">
                    <SplitBar used={l.allocated} total={l.effectiveSeats ?? l.allocated} label={seatsLabel(l)} />
                  </td>
                  <td>
                    <Expiry day={l.validUntil} />
                  </td>
                  {props.actions ? <td class="row-actions">{props.actions(l)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
