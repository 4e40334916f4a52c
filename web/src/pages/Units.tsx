import { api } from '../api/endpoints';
import type { UnitView } from '../api/types';
import { ReportGrid } from '../components/ReportGrid';
import { Async } from '../components/Status';
import { dateTime } from '../format';
import { pick, t, useLang } from '../i18n';
import { href } from '../router';
import { useLoad } from '../use-load';
import { UnitSummary } from './overview/UnitSummary';

/** The statistics form's table for a unit's subtree: the tree with each unit's figures, from the form itself. */
function StatisticsTable(props: { unit?: string }) {
  const lang = useLang();
  const report = useLoad(() => api.report('statistics', { ...(props.unit ? { unit: props.unit } : {}), lang }), [props.unit, lang]);
  return (
    <Async state={report}>
      {(r) => (
        <section class="card">
          <h2>{pick(r.title)}</h2>
          <p class="muted small">{t('asOf', { time: dateTime(r.asOf) })}</p>
          <ReportGrid columns={r.columns} rows={r.rows} linkUnits />
          {r.notes.map((n, i) => (
            <p key={i} class="muted small">
              {pick(n)}
            </p>
          ))}
        </section>
      )}
    </Async>
  );
}

export function Units() {
  useLang();
  return (
    <>
      <h1>{t('nav.units')}</h1>
      <StatisticsTable />
    </>
  );
}

/** The unit and the units above it, for the breadcrumb. */
function ancestry(units: UnitView[], id: number): UnitView[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: UnitView[] = [];
  for (let u = byId.get(id); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) chain.unshift(u);
  return chain;
}

/** One unit: where it sits, its picture (behind units and why), and its rows of the form. */
export function UnitPage(props: { id: number }) {
  useLang();
  const units = useLoad(() => api.units(), []);
  return (
    <Async state={units}>
      {({ units: all }) => {
        const chain = ancestry(all, props.id);
        const unit = chain[chain.length - 1];
        if (!unit) return <p class="error">{t('unit.notFound')}</p>;
        return (
          <>
            <nav class="crumbs" aria-label={t('nav.units')}>
              <a href="#/units">{t('nav.units')}</a>
              {chain.slice(0, -1).map((u) => (
                <span key={u.id}>
                  {' › '}
                  <a href={href(['units', u.id])}>{u.name}</a>
                </span>
              ))}
            </nav>
            <div class="page-head">
              <h1>{unit.name}</h1>
              <div class="actions">
                <a class="button" href={href(['machines'], { unit: unit.name })}>{t('unit.machines')}</a>
                <a class="button" href={href(['machines'], { unit: unit.name, status: 'unauthorized' })}>{t('unit.unauthorized')}</a>
                <a class="button" href={href(['reports'], { unit: unit.name })}>{t('nav.reports')}</a>
              </div>
            </div>
            <UnitSummary unit={unit.name} />
            <StatisticsTable unit={unit.name} />
          </>
        );
      }}
    </Async>
  );
}
