import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { LicenceView, RejudgeSummary } from '../../api/types';
import { DeleteButton } from '../../components/DeleteButton';
import { Async, Notice } from '../../components/Status';
import { doneText } from '../../format';
import { t, useLang, type Key } from '../../i18n';
import { useLoad } from '../../use-load';
import { useAfterWrite } from '../../use-write';
import { EventForm } from './EventForm';
import { LicenceForm } from './LicenceForm';
import { Seats } from './Seats';

/** Which form is open: a new licence, or an edit or an event of one. */
type Open = { form: 'new' } | { form: 'edit' | 'event'; licence: LicenceView };

const licenceName = (l: LicenceView) => `${l.product}${l.edition ? ` ${l.edition}` : ''} · ${l.unit}`;

const TITLES: Record<Open['form'], Key> = { new: 'licence.new', edit: 'licence.editing', event: 'event.title' };

/** The open form, with the catalog's products and the units it chooses from (loaded when it opens). */
function FormCard(props: { open: Open; onDone: (words: Key) => (result: { rejudged: RejudgeSummary }) => void; onCancel: () => void }) {
  const { open } = props;
  const choices = useLoad(() => Promise.all([api.catalog(), api.units()]), []);
  const card = useRef<HTMLElement>(null);
  // A row's edit may be opened far down the table: the form comes into view.
  useEffect(() => card.current?.scrollIntoView({ block: 'nearest' }), [open]);
  return (
    <section class="card" ref={card} data-testid="licence-admin">
      <h2>{t(TITLES[open.form], { name: open.form === 'new' ? '' : licenceName(open.licence) })}</h2>
      <Async state={choices}>
        {([catalog, { units }]) =>
          open.form === 'event' ? (
            <EventForm key={open.licence.id} licence={open.licence} units={units} onDone={props.onDone('event.recorded')} onCancel={props.onCancel} />
          ) : (
            <LicenceForm
              key={open.form === 'edit' ? open.licence.id : 'new'}
              licence={open.form === 'edit' ? open.licence : undefined}
              products={catalog.products}
              units={units}
              onDone={props.onDone(open.form === 'edit' ? 'licence.saved' : 'licence.created')}
              onCancel={props.onCancel}
            />
          )
        }
      </Async>
    </section>
  );
}

/**
 * The seats as an admin sees them: a licence recorded, corrected, given an event or
 * deleted from here. Each write re-judges the licence's product; what it changed is said
 * above the table, which is loaded again.
 */
export function LicenceAdmin(props: { licences: LicenceView[]; reload: () => void }) {
  useLang();
  const after = useAfterWrite(props.reload);
  const [open, setOpen] = useState<Open>();
  const show = (next: Open) => {
    after.clear();
    setOpen(next);
  };
  const done = (words: Key) => (result: { rejudged: RejudgeSummary }) => {
    setOpen(undefined);
    after.done(doneText(words, result.rejudged));
  };
  const actions = (l: LicenceView) => (
    <>
      <button type="button" class="link" onClick={() => show({ form: 'edit', licence: l })}>
        {t('edit')}
      </button>
      <button type="button" class="link" onClick={() => show({ form: 'event', licence: l })}>
        {t('event.add')}
      </button>
      <DeleteButton what={licenceName(l)} remove={() => api.deleteLicence(l.id)} onDone={done('licence.deleted')} />
    </>
  );
  return (
    <>
      <div class="toolbar">
        <button type="button" data-testid="licence-new" disabled={open?.form === 'new'} onClick={() => show({ form: 'new' })}>
          {t('licence.new')}
        </button>
        <Notice text={after.notice} />
      </div>
      {open ? <FormCard open={open} onDone={done} onCancel={() => setOpen(undefined)} /> : null}
      <Seats licences={props.licences} actions={actions} />
    </>
  );
}
