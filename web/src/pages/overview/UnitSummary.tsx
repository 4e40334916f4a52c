import { api } from '../../api/endpoints';
import type { Overview } from '../../api/types';
import { Chart } from '../../charts/Chart';
import { ratesOption, trendOption } from '../../charts/options';
import { Async } from '../../components/Status';
import { dateTime } from '../../format';
import { t, useLang } from '../../i18n';
import { useLoad } from '../../use-load';
import { BehindMachines } from './BehindMachines';
import { Reasons } from './Reasons';
import { Totals } from './Totals';
import { UnitRanking } from './UnitRanking';

const TREND_DAYS = 30;

/** Who is behind: the units below, worst first; for a unit with none, its own unauthorized machines. */
function Behind(props: { o: Overview }) {
  const below = props.o.units.filter((u) => u.id !== props.o.unit.id);
  return below.length ? (
    <section class="card">
      <h2>{t('ranking.title')}</h2>
      <p class="muted small">{t('ranking.lead')}</p>
      <UnitRanking units={below} />
    </section>
  ) : (
    <section class="card">
      <h2>{t('behind.title')}</h2>
      <BehindMachines unit={props.o.unit.name} />
    </section>
  );
}

function Trend(props: { unit?: string }) {
  const trend = useLoad(() => api.trend(props.unit, TREND_DAYS), [props.unit]);
  const title = t('trend.title', { days: TREND_DAYS });
  return (
    <section class="card">
      <h2>{title}</h2>
      <Async state={trend}>
        {(tr) => (
          <>
            {tr.points.length ? <Chart option={trendOption(tr.points)} height={200} label={title} testId="trend-chart" /> : <p class="muted">{t('empty')}</p>}
            {tr.pending > 0 ? <p class="muted small">{t('trend.pending', { n: tr.pending })}</p> : null}
          </>
        )}
      </Async>
    </section>
  );
}

/**
 * A unit's whole picture: counts, the four rates, who is behind, why machines fail,
 * and the rates over the last month. The overview shows it for the reader's own top
 * unit; a unit's page for that unit.
 */
export function UnitSummary(props: { unit?: string }) {
  useLang();
  const overview = useLoad(() => api.overview(props.unit), [props.unit]);
  return (
    <Async state={overview}>
      {(o) => (
        <>
          <p class="muted asof">{t('asOf', { time: dateTime(o.asOf) })}</p>
          <Totals overview={o} />
          <div class="grid-2">
            <section class="card">
              <h2>{t('rates.title')}</h2>
              <Chart option={ratesOption(o.rates)} height={170} label={t('rates.title')} testId="rates-chart" />
            </section>
            <Trend unit={props.unit} />
          </div>
          <div class="grid-2 wide-left">
            <Behind o={o} />
            <section class="card">
              <h2>{t('reasons.title')}</h2>
              <Reasons reasons={o.reasons} unit={o.unit.name} />
            </section>
          </div>
        </>
      )}
    </Async>
  );
}
