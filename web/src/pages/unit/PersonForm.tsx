import { api } from '../../api/endpoints';
import type { Person, PersonInput, PersonRole } from '../../api/types';
import { personRoles } from '../../choices';
import { Choice, TextField } from '../../components/Fields';
import { WriteForm } from '../../components/WriteForm';
import { useLang } from '../../i18n';
import { useFields } from '../../use-fields';

/**
 * One responsible person: added to `unitId`, or `person` edited. The phone goes as typed,
 * so a number with letters in it is refused with the API's words.
 */
export function PersonForm(props: { unitId: number; person?: Person; onDone: () => void; onCancel?: () => void }) {
  useLang();
  const { person } = props;
  const f = useFields(() => ({ role: person?.role ?? 'first-responsible', name: person?.name ?? '', title: person?.title ?? '', phone: person?.phone ?? '' }));
  const input = (): PersonInput => ({ role: f.values.role as PersonRole, name: f.values.name, title: f.values.title, phone: f.values.phone });
  const write = () => (person ? api.patchPerson(person.id, input()) : api.addPerson(props.unitId, input()));
  return (
    <WriteForm testId="person-form" submit={person ? 'save' : 'people.add'} write={write} onDone={props.onDone} onCancel={props.onCancel}>
      <Choice label="people.role" options={personRoles()} {...f.choice('role')} />
      <TextField label="people.name" {...f.text('name')} />
      <TextField label="people.post" {...f.text('title')} />
      <TextField label="people.phone" type="tel" {...f.text('phone')} />
    </WriteForm>
  );
}
