import { useState } from 'preact/hooks';
import { t, useLang } from '../i18n';
import { useWrite } from '../use-write';
import { ErrorNote } from './Status';

/**
 * Deleting asks once more, naming what goes, before anything is sent. A refusal (a unit
 * that machines still belong to) is shown as the API words it.
 */
export function DeleteButton<T>(props: { what: string; remove: () => Promise<T>; onDone: (result: T) => void; testId?: string }) {
  useLang();
  const [asking, setAsking] = useState(false);
  const write = useWrite(props.remove, (result) => {
    setAsking(false);
    props.onDone(result);
  });
  return (
    <span class="confirm" data-testid={props.testId}>
      {asking ? (
        <>
          <span>{t('delete.ask', { what: props.what })}</span>
          <button type="button" class="danger" disabled={write.busy} onClick={() => void write.run()}>
            {t('delete.confirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </>
      ) : (
        <button type="button" class="link danger" onClick={() => setAsking(true)}>
          {t('delete')}
        </button>
      )}
      <ErrorNote error={write.error} />
    </span>
  );
}
