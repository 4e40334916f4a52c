import { useState } from 'preact/hooks';
import type { UnitFigures } from '../../api/types';
import { RateBar } from '../../components/Bar';
import { count, percent } from '../../format';
import { t } from '../../i18n';
import { href } from '../../router';
import { Head } from '../../components/Head';

const SHOWN = 12;

/** Units by their share genuine on all three, the ones behind on top; a click opens the unit. */
export function UnitRanking(props: { units: UnitFigures[] }) {
  const [all, setAll] = useState(false);
  const rows = all ? props.units : props.units.slice(0, SHOWN);
  if (props.units.length === 0) return <p class="muted">{t('empty')}</p>;
  return (
    <>
      <div class="table-scroll">
      <table class="list ranking" data-testid="unit-ranking">
        <Head columns={['unit', ['totals.machines', 'num'], ['totals.unauthorized', 'num'], ['totals.notReporting', 'num'], ['rate.all', 'bar'], ['rate.os', 'num'], ['rate.office', 'num'], ['rate.antivirus', 'num']]} />
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={href(['units', u.id])}>{u.name}</a>
              </td>
              <td class="num">{count(u.computers)}</td>
              <td class="num">
                {u.unauthorized > 0 ? <a href={href(['machines'], { unit: u.name, status: 'unauthorized', reporting: 'true' })}>{count(u.unauthorized)}</a> : '0'}
              </td>
              <td class="num">{count(u.notReporting)}</td>
              <td class="bar-col">
                <RateBar rate={u.rates.all} />
              </td>
              <td class="num">{percent(u.rates.os, 1)}</td>
              <td class="num">{percent(u.rates.office, 1)}</td>
              <td class="num">{percent(u.rates.antivirus, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {props.units.length > SHOWN ? (
        <button type="button" class="link" onClick={() => setAll(!all)}>
          {all ? t('showFewer') : t('showAll', { n: props.units.length })}
        </button>
      ) : null}
    </>
  );
}
