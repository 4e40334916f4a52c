import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import type { MachineDetail } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { Async } from '../components/Status';
import { dateTime } from '../format';
import { t, useLang, type Key } from '../i18n';
import { href } from '../router';
import { isAdmin, session } from '../session';
import { useLoad } from '../use-load';
import { LabelsForm, MoveForm } from './machine/AdminForms';
import { Findings } from './machine/Findings';
import { Moves } from './machine/Moves';
import { SoftwareChanges, SoftwareList } from './machine/Software';
import { Timeline } from './machine/Timeline';

function Section(props: { title: Key; children: ComponentChildren; testId?: string }) {
  return (
    <section class="card" data-testid={props.testId}>
      <h2>{t(props.title)}</h2>
      {props.children}
    </section>
  );
}

/** Who the machine is and what it runs, as far as the agent measured it. */
function Facts(props: { m: MachineDetail }) {
  const { m } = props;
  const rows: [Key, string | null | undefined][] = [
    ['unit', m.unit],
    ['machine.user', m.user],
    ['machine.assetNumber', m.assetNumber],
    ['machine.os', [m.os?.name, m.os?.version].filter(Boolean).join(' ') || m.os?.name],
    ['machine.model', [m.machine?.manufacturer, m.machine?.model].filter(Boolean).join(' ')],
    ['machine.serial', m.machine?.serial ?? m.enrollment.serial],
    ['machine.lastSeen', dateTime(m.lastSeen)],
    ['machine.enrolled', dateTime(m.enrolledAt)],
    ['machine.agent', m.enrollment.agentVersion],
  ];
  return (
    <dl class="facts-list">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd>{v || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The lists below the verdict each load on their own: one failing leaves the others shown. */
function History(props: { id: string }) {
  const verdicts = useLoad(() => api.verdicts(props.id), [props.id]);
  const software = useLoad(() => api.software(props.id), [props.id]);
  const changes = useLoad(() => api.changes(props.id), [props.id]);
  const moves = useLoad(() => api.moves(props.id), [props.id]);
  return (
    <>
      <Section title="machine.history">
        <Async state={verdicts}>{(v) => <Timeline records={v.verdicts} />}</Async>
      </Section>
      <div class="grid-2">
        <Section title="machine.software">
          <Async state={software}>{(s) => <SoftwareList items={s.software} />}</Async>
        </Section>
        <Section title="machine.changes">
          <Async state={changes}>{(c) => <SoftwareChanges changes={c.changes} />}</Async>
        </Section>
      </div>
      <Section title="machine.moves">
        <Async state={moves}>{(m) => <Moves moves={m.moves} />}</Async>
      </Section>
    </>
  );
}

function Admin(props: { m: MachineDetail; reload: () => void }) {
  const units = useLoad(() => api.units(), []);
  return (
    <Section title="machine.admin" testId="machine-admin">
      <LabelsForm machine={props.m} onSaved={props.reload} />
      <Async state={units}>{(u) => <MoveForm machine={props.m} units={u.units} onMoved={props.reload} />}</Async>
    </Section>
  );
}

export function Machine(props: { id: string }) {
  useLang();
  const s = session.use();
  const machine = useLoad(() => api.machine(props.id), [props.id]);
  // A write (a move, a new user) changes the history too: it is loaded again with the machine.
  const [round, setRound] = useState(0);
  const reload = () => {
    machine.reload();
    setRound((r) => r + 1);
  };
  return (
    <Async state={machine}>
      {(m) => (
        <>
          <nav class="crumbs">
            <a href="#/machines">{t('nav.machines')}</a> › <a href={href(['machines'], { unit: m.unit })}>{m.unit}</a>
          </nav>
          <div class="page-head">
            <h1>{m.hostname}</h1>
            <StatusBadge status={m.status} stale={m.stale} />
          </div>
          <div class="grid-2 wide-right">
            <Section title="machine.facts">
              <Facts m={m} />
            </Section>
            <Section title="machine.findings" testId="findings">
              {m.verdict ? (
                <>
                  <p class="muted small">{t('machine.decided', { time: dateTime(m.verdict.decidedAt), rules: m.verdict.rulesVersion })}</p>
                  <Findings findings={m.verdict.findings} />
                </>
              ) : (
                <p class="muted">{t('machine.noVerdict')}</p>
              )}
            </Section>
          </div>
          {isAdmin(s) ? <Admin m={m} reload={reload} /> : null}
          <History key={round} id={m.machineId} />
        </>
      )}
    </Async>
  );
}
