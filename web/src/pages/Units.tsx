import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import type { UnitView } from '../api/types';
import { ReportGrid } from '../components/ReportGrid';
import { Async } from '../components/Status';
import { dateTime } from '../format';
import { pick, t, useLang } from '../i18n';
import { href, navigate } from '../router';
import { isAdmin, session } from '../session';
import { useLoad } from '../use-load';
import { UnitSummary } from './overview/UnitSummary';
import { People } from './unit/People';
import { UnitAdmin } from './unit/UnitAdmin';
import { UnitForm } from './unit/UnitForm';

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

/** An admin's new unit, opened from the page's head; once made, its own page (to name its people). */
function NewUnit(props: { onCancel: () => void }) {
  const units = useLoad(() => api.units(), []);
  return (
    <section class="card" data-testid="unit-new">
      <h2>{t('unit.new')}</h2>
      <Async state={units}>{(u) => <UnitForm units={u.units} onDone={(r) => navigate(['units', r.unit.id])} onCancel={props.onCancel} />}</Async>
    </section>
  );
}

export function Units() {
  useLang();
  const admin = isAdmin(session.use());
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div class="page-head">
        <h1>{t('nav.units')}</h1>
        {admin && !adding ? (
          <div class="actions">
            <button type="button" onClick={() => setAdding(true)}>
              {t('unit.new')}
            </button>
          </div>
        ) : null}
      </div>
      {adding ? <NewUnit onCancel={() => setAdding(false)} /> : null}
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
  const admin = isAdmin(session.use());
  // Loaded again for each unit opened: the tree may have changed (a unit deleted, moved).
  const units = useLoad(() => api.units(), [props.id]);
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
            {/* Keyed on the record: an edit (a new parent re-judges its machines) draws them again. */}
            <UnitSummary key={JSON.stringify(unit)} unit={unit.name} />
            {/* Keyed on the unit: another unit's page starts with no form half filled in. */}
            <People key={unit.id} unitId={unit.id} admin={admin} />
            {admin ? <UnitAdmin key={unit.id} unit={unit} units={all} reload={units.reload} /> : null}
            <StatisticsTable key={JSON.stringify(unit)} unit={unit.name} />
          </>
        );
      }}
    </Async>
  );
}
