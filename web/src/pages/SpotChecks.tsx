import { api } from '../api/endpoints';
import type { SpotCheckSummary } from '../api/types';
import { Async } from '../components/Status';
import { dateTime } from '../format';
import { pick, t, useLang } from '../i18n';
import { href } from '../router';
import { useLoad } from '../use-load';
import { GradeBadge } from './spotcheck/GradeBadge';

function Row(props: { s: SpotCheckSummary }) {
  const s = props.s;
  return (
    <tr>
      <td class="num">
        <a href={href(['spot-checks', s.id])}>#{s.id}</a>
      </td>
      <td>{s.unit}</td>
      <td class="nowrap">{dateTime(s.createdAt)}</td>
      <td class="num">{t('spot.sampledOf', { sampled: s.sampled, population: s.population })}</td>
      <td>{s.recheckOf === null ? '' : t('spot.recheckOf', { id: s.recheckOf })}</td>
      <td>{t(s.state === 'open' ? 'spot.open' : 'spot.closed')}</td>
      <td>
        <GradeBadge grade={s.grade.grade} /> <span class="small">{pick(s.grade.words)}</span>
      </td>
    </tr>
  );
}

/** Spot checks, newest first, each with its grade and the rule that gave it. */
export function SpotChecks() {
  useLang();
  const list = useLoad(() => api.spotChecks(), []);
  return (
    <>
      <h1>{t('nav.spotChecks')}</h1>
      <Async state={list}>
        {(l) =>
          l.spotChecks.length === 0 ? (
            <p class="muted">{t('spot.none')}</p>
          ) : (
            <div class="table-scroll">
              <table class="list" data-testid="spot-check-list">
                <thead>
                  <tr>
                    <th>{t('spot.id')}</th>
                    <th>{t('unit')}</th>
                    <th>{t('spot.date')}</th>
                    <th>{t('spot.sampled')}</th>
                    <th>{t('spot.recheck')}</th>
                    <th>{t('spot.state')}</th>
                    <th>{t('spot.grade')}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.spotChecks.map((s) => (
                    <Row key={s.id} s={s} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </>
  );
}
