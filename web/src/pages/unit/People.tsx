import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { DeleteButton } from '../../components/DeleteButton';
import { Head, type Column } from '../../components/Head';
import { Async, Notice } from '../../components/Status';
import { t, useLang, type Key } from '../../i18n';
import { useLoad } from '../../use-load';
import { useAfterWrite } from '../../use-write';
import { PersonForm } from './PersonForm';

const COLUMNS: Column[] = ['people.role', 'people.name', 'people.post', 'people.phone'];

/** Edit and remove, at the end of a person's row (admins only). */
function RowActions(props: { person: Person; onEdit: () => void; onRemoved: () => void }) {
  return (
    <td class="row-actions">
      <button type="button" class="link" onClick={props.onEdit}>
        {t('edit')}
      </button>
      <DeleteButton what={props.person.name} remove={() => api.removePerson(props.person.id)} onDone={props.onRemoved} />
    </td>
  );
}

/**
 * A unit's responsible persons (主要负责人, 分管领导, 联络员), as the 责任人信息汇总表 lists
 * them; an admin adds, edits and removes them here.
 */
export function People(props: { unitId: number; admin: boolean }) {
  useLang();
  const people = useLoad(() => api.people(props.unitId), [props.unitId]);
  const after = useAfterWrite(people.reload);
  const [editing, setEditing] = useState<Person>();
  const done = (words: Key) => () => {
    setEditing(undefined);
    after.done(t(words));
  };
  return (
    <section class="card" data-testid="people">
      <h2>{t('people.heading')}</h2>
      <Notice text={after.notice} />
      <Async state={people}>
        {({ people: list }) =>
          list.length === 0 ? (
            <p class="muted">{t('people.none')}</p>
          ) : (
            <table class="list">
              <Head columns={props.admin ? [...COLUMNS, 'actions'] : COLUMNS} />
              <tbody>
                {list.map((p) => (
                  <tr key={p.id}>
                    <td>{t(`personRole.${p.role}`)}</td>
                    <td>{p.name}</td>
                    <td>{p.title ?? ''}</td>
                    <td>{p.phone}</td>
                    {props.admin ? <RowActions person={p} onEdit={() => setEditing(p)} onRemoved={done('people.removed')} /> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      {!props.admin ? null : editing ? (
        <>
          <h3>{t('people.editing', { name: editing.name })}</h3>
          <PersonForm key={`edit-${editing.id}`} unitId={props.unitId} person={editing} onDone={done('people.saved')} onCancel={() => setEditing(undefined)} />
        </>
      ) : (
        <>
          <h3>{t('people.add')}</h3>
          <PersonForm key={`new-${after.round}`} unitId={props.unitId} onDone={done('people.added')} />
        </>
      )}
    </section>
  );
}
