import { useState } from 'preact/hooks';
import { api, type ReportQuery } from '../api/endpoints';
import type { ReportFormat, ReportName, ReportTable } from '../api/types';
import { Choice } from '../components/Fields';
import { ReportGrid } from '../components/ReportGrid';
import { Async, ErrorNote } from '../components/Status';
import { dateTime } from '../format';
import { currentLang, pick, t, useLang, type Key } from '../i18n';
import { navigate } from '../router';
import { saveFile } from '../save-file';
import { useLoad } from '../use-load';

const REPORTS: ReportName[] = ['statistics', 'responsibles', 'notice', 'machine-sheets', 'procurement', 'annual', 'ledger'];
/** Reports that read an earlier date: the notice compares with it, the ledger starts its changes there. */
const WITH_SINCE: ReportName[] = ['notice', 'ledger'];
const PREVIEW_ROWS = 300;

type FileFormat = ReportFormat;
/** Only the notice has a draft text (DOCX). */
const formatsOf = (name: ReportName): FileFormat[] => (name === 'notice' ? ['xlsx', 'docx', 'csv', 'json'] : ['xlsx', 'csv', 'json']);

function Preview(props: { table: ReportTable }) {
  const r = props.table;
  const shown = r.rows.slice(0, PREVIEW_ROWS);
  return (
    <section class="card" data-testid="report-preview">
      <h2>{pick(r.title)}</h2>
      <p class="muted small">{t('report.made', { unit: r.unit, time: dateTime(r.asOf) })}</p>
      <ReportGrid columns={r.columns} rows={shown} linkUnits={r.report === 'statistics'} />
      {r.rows.length > shown.length ? <p class="muted small">{t('report.more', { shown: shown.length, n: r.rows.length })}</p> : null}
      {(r.parts ?? []).map((p) => (
        <div key={p.key}>
          <h3>{pick(p.title)}</h3>
          <ReportGrid columns={p.columns} rows={p.rows.slice(0, PREVIEW_ROWS)} />
        </div>
      ))}
      {r.notes.map((n, i) => (
        <p key={i} class="muted small">
          {pick(n)}
        </p>
      ))}
    </section>
  );
}

/** Every campaign form for a chosen unit and date: a preview of its table and its files. */
export function Reports(props: { query: URLSearchParams }) {
  const lang = useLang();
  const q = props.query;
  const name = (REPORTS as string[]).includes(q.get('name') ?? '') ? (q.get('name') as ReportName) : 'statistics';
  const params: ReportQuery = { unit: q.get('unit') || undefined, asOf: q.get('asOf') || undefined, since: WITH_SINCE.includes(name) ? q.get('since') || undefined : undefined, lang };
  const units = useLoad(() => api.units(), []);
  const table = useLoad(() => api.report(name, params), [name, params.unit, params.asOf, params.since, lang]);
  const [fileError, setFileError] = useState<Error>();
  const [busy, setBusy] = useState<FileFormat | null>(null);
  const set = (patch: Record<string, string | undefined>) => navigate(['reports'], { name, unit: params.unit, asOf: params.asOf, since: params.since, ...patch });

  const download = async (format: FileFormat) => {
    setBusy(format);
    setFileError(undefined);
    try {
      saveFile(await api.reportFile(name, { ...params, lang: currentLang() }, format));
    } catch (err) {
      setFileError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <h1>{t('nav.reports')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <Choice label="report.name" name="name" value={name} options={REPORTS.map((r) => ({ value: r, label: t(`report.${r}`) }))} onChange={(v) => set({ name: v })} />
        <Choice label="unit" name="unit" value={params.unit} empty="report.defaultUnit" options={(units.data?.units ?? []).map((u) => ({ value: u.name, label: u.name }))} onChange={(unit) => set({ unit })} />
        <label>
          {t('report.asOf')}
          <input type="date" name="asOf" value={params.asOf ?? ''} onChange={(e) => set({ asOf: e.currentTarget.value || undefined })} />
        </label>
        {WITH_SINCE.includes(name) ? (
          <label>
            {t(name === 'notice' ? 'report.sinceNotice' : 'report.sinceLedger')}
            <input type="date" name="since" value={params.since ?? ''} onChange={(e) => set({ since: e.currentTarget.value || undefined })} />
          </label>
        ) : null}
        <div class="downloads">
          {formatsOf(name).map((f) => (
            <button key={f} type="button" data-format={f} disabled={busy !== null} onClick={() => void download(f)}>
              {t('report.download', { format: f.toUpperCase() })}
            </button>
          ))}
        </div>
      </form>
      <ErrorNote error={fileError} />
      <Async state={table}>{(r) => <Preview table={r} />}</Async>
    </>
  );
}
