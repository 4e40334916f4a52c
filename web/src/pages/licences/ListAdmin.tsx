import { api } from '../../api/endpoints';
import type { ListEntry, ListEntryInput, ListKind, ListWrite, UnitView } from '../../api/types';
import { listKinds } from '../../choices';
import { DeleteButton } from '../../components/DeleteButton';
import { Choice, TextField } from '../../components/Fields';
import { Async, Notice } from '../../components/Status';
import { WriteForm } from '../../components/WriteForm';
import { doneText } from '../../format';
import { t, useLang, type Key } from '../../i18n';
import { unitOptions } from '../../unit-tree';
import { useFields } from '../../use-fields';
import { useLoad } from '../../use-load';
import { useAfterWrite } from '../../use-write';
import { Lists } from './Registry';

/**
 * A deny or allow entry: patterns are regular expressions the API checks (one that matches
 * everything is refused); no unit means everywhere.
 */
function ListForm(props: { units: UnitView[]; onDone: (result: ListWrite) => void }) {
  useLang();
  const f = useFields(() => ({ list: 'deny', name: '', publisher: '', unitId: '', reason: '' }));
  const v = f.values;
  const input = (): ListEntryInput => ({
    list: v.list as ListKind,
    name: v.name,
    publisher: v.publisher.trim() || null,
    unitId: v.unitId ? Number(v.unitId) : null,
    reason: v.reason,
  });
  return (
    <WriteForm testId="list-form" submit="lists.add" write={() => api.addListEntry(input())} onDone={props.onDone}>
      <Choice label="lists.list" options={listKinds()} {...f.choice('list')} />
      <TextField label="lists.pattern" wide placeholder={t('lists.patternHint')} {...f.text('name')} />
      <TextField label="software.publisher" placeholder={t('lists.publisherHint')} {...f.text('publisher')} />
      <Choice label="unit" empty="lists.everywhere" options={unitOptions(props.units)} {...f.choice('unitId')} />
      <TextField label="lists.reason" {...f.text('reason')} />
    </WriteForm>
  );
}

/** The lists as an admin sees them: an entry added above, removed from its row; either re-judges every machine. */
export function ListAdmin(props: { entries: ListEntry[]; reload: () => void }) {
  useLang();
  const units = useLoad(() => api.units(), []);
  const after = useAfterWrite(props.reload);
  const done = (words: Key) => (result: ListWrite) => after.done(doneText(words, result.rejudged));
  return (
    <>
      <h2>{t('lists.new')}</h2>
      <Async state={units}>{(u) => <ListForm key={after.round} units={u.units} onDone={done('lists.added')} />}</Async>
      <Notice text={after.notice} />
      <Lists entries={props.entries} actions={(e) => <DeleteButton what={e.name} remove={() => api.removeListEntry(e.id)} onDone={done('lists.removed')} />} />
    </>
  );
}
