import type { SpotCheckMachine } from '../../api/types';
import { dateTime } from '../../format';
import { currentLang, t } from '../../i18n';
import { href } from '../../router';
import { Findings } from '../machine/Findings';

/** The verdict frozen at the draw, as a badge: 正版, 非正版, 未上报, or a PC the collector does not know. */
function Frozen(props: { m: SpotCheckMachine }) {
  const f = props.m.frozen;
  if (!f) return <span class="badge pending">{t('spot.unknownPc')}</span>;
  if (!f.verdict) return <span class="badge pending">{t('status.pending')}</span>;
  return (
    <span class="badges">
      <span class={`badge ${f.verdict.status}`}>{t(`status.${f.verdict.status}`)}</span>
      {f.state === 'stale' ? <span class="badge stale">{t('status.stale')}</span> : null}
    </span>
  );
}

function OnSite(props: { m: SpotCheckMachine }) {
  const { record: r, scan } = props.m;
  return (
    <>
      {r ? (
        <>
          <div>{t('spot.labelIs', { answer: t(`answer.${r.labelMatches}`) })}</div>
          <div>{t('spot.agentIs', { present: t(`present.${r.agentPresent}`), reporting: t(`reporting.${r.agentReporting}`) })}</div>
          {r.remark ? <div class="muted">{r.remark}</div> : null}
        </>
      ) : (
        <span class="muted">{t('spot.notRecorded')}</span>
      )}
      {scan ? <div class="small">{t('spot.scanned', { inspector: scan.inspector, time: dateTime(scan.collectedAt) })}</div> : null}
    </>
  );
}

function Row(props: { m: SpotCheckMachine }) {
  const m = props.m;
  const words = (d: SpotCheckMachine['discrepancies'][number]) => (currentLang() === 'en' ? d.message : d.messageZh);
  return (
    <tr data-testid="spot-machine">
      <td class="num">{m.no}</td>
      <td>{m.unit}</td>
      <td>
        {m.machineId ? <a href={href(['machines', m.machineId])}>{m.hostname}</a> : m.hostname}
        {m.frozen?.user ? <div class="muted small">{m.frozen.user}</div> : null}
        {m.origin === 'on-site' ? <div class="small warn">{t('spot.pickedOnSite')}</div> : null}
      </td>
      <td>{t(`kind.${m.kind}`)}</td>
      <td>
        <Frozen m={m} />
        {m.frozen?.verdict ? (
          <details class="frozen">
            <summary class="small">{t('spot.evidence')}</summary>
            <p class="muted small">{t('spot.frozenAt', { time: dateTime(m.frozen.verdict.collectedAt ?? m.frozen.verdict.decidedAt) })}</p>
            <Findings findings={m.frozen.verdict.findings} />
          </details>
        ) : null}
      </td>
      <td class="on-site">
        <OnSite m={m} />
      </td>
      <td class="differences">
        {m.discrepancies.length === 0 ? (
          <span class="muted">{m.record || m.scan ? t('spot.noDifference') : ''}</span>
        ) : (
          <ul class="discrepancies">
            {m.discrepancies.map((d) => (
              <li key={d.code} class="bad" title={d.facts.join('\n')}>
                {words(d)}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** Each machine checked: as frozen at the draw (its evidence a click away), as seen on site, and how they differ. */
export function MachineTable(props: { machines: SpotCheckMachine[] }) {
  if (props.machines.length === 0) return <p class="muted">{t('spot.noMachines')}</p>;
  return (
    <div class="table-scroll">
      <table class="list spot-machines" data-testid="spot-machines">
        <thead>
          <tr>
            <th>{t('spot.col.no')}</th>
            <th>{t('unit')}</th>
            <th>{t('spot.col.computer')}</th>
            <th>{t('spot.col.kind')}</th>
            <th>{t('spot.col.frozen')}</th>
            <th>{t('spot.col.onSite')}</th>
            <th>{t('spot.col.differences')}</th>
          </tr>
        </thead>
        <tbody>
          {props.machines.map((m) => (
            <Row key={m.no} m={m} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
