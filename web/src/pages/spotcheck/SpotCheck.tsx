import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { ReportFormat, SpotCheckView } from '../../api/types';
import { ErrorNote, Async } from '../../components/Status';
import { dateTime } from '../../format';
import { currentLang, pick, t, useLang, type Key } from '../../i18n';
import { saveFile } from '../../save-file';
import { useLoad } from '../../use-load';
import { GradeBadge } from './GradeBadge';
import { MachineTable } from './MachineTable';
import { Recheck } from './Recheck';

const FORMS: { name: 'spotcheck-register' | 'spotcheck-summary'; format: ReportFormat; key: Key }[] = [
  { name: 'spotcheck-register', format: 'xlsx', key: 'spot.register' },
  { name: 'spotcheck-register', format: 'docx', key: 'spot.register' },
  { name: 'spotcheck-summary', format: 'xlsx', key: 'spot.summary' },
];

/** The two forms of this spot check, fetched so a refusal is shown in the API's words. */
function Downloads(props: { id: number }) {
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const download = async (f: (typeof FORMS)[number]) => {
    setBusy(true);
    setError(undefined);
    try {
      saveFile(await api.reportFile(f.name, { spotCheck: props.id, lang: currentLang() }, f.format));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div class="downloads">
        {FORMS.map((f) => (
          <button key={`${f.name}.${f.format}`} type="button" data-form={f.name} data-format={f.format} disabled={busy} onClick={() => void download(f)}>
            {t(f.key)} {f.format.toUpperCase()}
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
    </>
  );
}

function UnitChecks(props: { v: SpotCheckView }) {
  const c = props.v.unitChecks;
  return (
    <section class="card" data-testid="unit-checks">
      <h2>{t('spot.unitChecks')}</h2>
      <dl class="facts-list">
        <div>
          <dt>{t('spot.ledger')}</dt>
          <dd class={c.ledger === 'no' ? 'bad' : undefined}>{t(`answer.${c.ledger}`)}</dd>
        </div>
        <div>
          <dt>{t('spot.documents')}</dt>
          <dd class={c.documents === 'no' ? 'bad' : undefined}>{t(`answer.${c.documents}`)}</dd>
        </div>
        <div>
          <dt>{t('spot.remark')}</dt>
          <dd>{c.remark ?? '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

function Strata(props: { v: SpotCheckView }) {
  return (
    <section class="card">
      <h2>{t('spot.strata')}</h2>
      <div class="table-scroll short">
        <table class="list">
          <tbody>
            {props.v.strata.map((s) => (
              <tr key={`${s.unitId}/${s.kind}`}>
                <td>{s.unit}</td>
                <td>{t(`kind.${s.kind}`)}</td>
                <td class="num">{t('spot.sampledOf', { sampled: s.drawn, population: s.population })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Page(props: { v: SpotCheckView }) {
  const v = props.v;
  const ratio = `${Number((v.ratio * 100).toFixed(2))}%`;
  return (
    <>
      <nav class="crumbs">
        <a href="#/spot-checks">{t('nav.spotChecks')}</a> › #{v.id}
      </nav>
      <div class="page-head">
        <h1>{t('spot.title', { id: v.id, unit: v.unit })}</h1>
        <GradeBadge grade={v.grade.grade} />
        <span class="muted">{t(v.state === 'open' ? 'spot.open' : 'spot.closed')}</span>
      </div>
      <section class="card" data-testid="grade">
        <p class="grade-words">{pick(v.grade.words)}</p>
        <p class="muted small">
          {t('spot.drawn', { time: dateTime(v.createdAt), sampled: v.sampled, population: v.population, ratio, min: v.min, seed: v.seed })}
          {v.recheckOf === null ? '' : ` ${t('spot.recheckOf', { id: v.recheckOf })}`}
        </p>
        <Downloads id={v.id} />
      </section>
      <div class="grid-2">
        <UnitChecks v={v} />
        {v.recheck ? <Recheck r={v.recheck} /> : <Strata v={v} />}
      </div>
      <section class="card">
        <h2>{t('spot.machines')}</h2>
        <MachineTable machines={v.machines} />
      </section>
    </>
  );
}

/** One spot check: its grade and rule, the unit's checks, each machine as frozen and as seen on site, and its forms. */
export function SpotCheck(props: { id: number }) {
  useLang();
  const v = useLoad(() => api.spotCheck(props.id), [props.id]);
  return <Async state={v}>{(x) => <Page v={x} />}</Async>;
}
