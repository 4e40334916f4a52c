import { api } from '../../api/endpoints';
import type { DisposalKind, LicenceEventInput, LicenceEventKind, LicenceEventWrite, LicenceView, UnitView } from '../../api/types';
import { disposals, eventKinds } from '../../choices';
import { Choice, TextField } from '../../components/Fields';
import { WriteForm } from '../../components/WriteForm';
import { today } from '../../format';
import { t, useLang } from '../../i18n';
import { unitOptions } from '../../unit-tree';
import { useFields } from '../../use-fields';

// A renewal is the event recorded most often; the day is today's, set when the form opens.
const EMPTY = { kind: 'renewal', date: '', seats: '', validUntil: '', versionTo: '', disposal: '', toUnitId: '', notes: '' };
type EventFields = typeof EMPTY;

/** `{ [key]: value }` when something was typed; nothing otherwise, so the API says what is missing. */
const given = <K extends string, V>(key: K, text: string, value: (text: string) => V) => (text.trim() === '' ? {} : ({ [key]: value(text.trim()) } as Record<K, V>));

/**
 * Only the fields the kind of event carries: the API refuses any other
 * (licence-validate.ts). A renewal sets the end, an upgrade the version, a disposal takes
 * seats away (all of them when none are given), and a reallocation names the unit they go to.
 */
function inputOf(f: EventFields): LicenceEventInput {
  const common = { kind: f.kind as LicenceEventKind, date: f.date, ...given('notes', f.notes, String) };
  const seats = given('seats', f.seats, Number);
  switch (f.kind) {
    case 'upgrade':
      return { ...common, ...given('versionTo', f.versionTo, String) };
    case 'renewal':
      return { ...common, ...given('validUntil', f.validUntil, String) };
    case 'disposal':
      return { ...common, ...given('disposal', f.disposal, (d) => d as DisposalKind), ...seats, ...(f.disposal === 'reallocation' ? given('toUnitId', f.toUnitId, Number) : {}) };
    default:
      return { ...common, ...seats };
  }
}

/** A dated event in a licence's life: purchase, install, upgrade, renewal, disposal (转让, 捐赠, 调剂, 报废). */
export function EventForm(props: { licence: LicenceView; units: UnitView[]; onDone: (result: LicenceEventWrite) => void; onCancel: () => void }) {
  useLang();
  const f = useFields(() => ({ ...EMPTY, date: today() }));
  const { kind, disposal } = f.values;
  const others = props.units.filter((u) => u.id !== props.licence.unitId);
  return (
    <WriteForm testId="event-form" submit="event.submit" write={() => api.addLicenceEvent(props.licence.id, inputOf(f.values))} onDone={props.onDone} onCancel={props.onCancel}>
      <Choice label="event.kind" options={eventKinds()} {...f.choice('kind')} />
      <TextField label="event.date" type="date" {...f.text('date')} />
      {kind === 'renewal' ? <TextField label="licence.validUntil" type="date" {...f.text('validUntil')} /> : null}
      {kind === 'upgrade' ? <TextField label="event.versionTo" {...f.text('versionTo')} /> : null}
      {kind === 'disposal' ? <Choice label="event.disposalKind" empty="event.chooseDisposal" options={disposals()} {...f.choice('disposal')} /> : null}
      {kind === 'disposal' && disposal === 'reallocation' ? <Choice label="event.toUnit" empty="move.choose" options={unitOptions(others)} {...f.choice('toUnitId')} /> : null}
      {kind !== 'upgrade' && kind !== 'renewal' ? <TextField label="licence.seats" type="number" placeholder={t(kind === 'disposal' ? 'event.seatsAll' : 'event.seatsHint')} {...f.text('seats')} /> : null}
      <TextField label="event.notes" wide {...f.text('notes')} />
    </WriteForm>
  );
}
