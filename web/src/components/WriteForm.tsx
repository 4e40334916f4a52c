import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t, useLang, type Key } from '../i18n';
import { useWrite } from '../use-write';
import { ErrorNote } from './Status';

/**
 * A form that makes one write; the API's own message is shown if it refuses. The browser
 * checks nothing itself (noValidate): what is refused, and why, is the API's to say.
 * Once saved it says so beside the button: "已保存", or what `saved` makes of the answer
 * (a re-judge summary).
 */
export function WriteForm<T>(props: {
  testId: string;
  submit: Key;
  ready?: boolean;
  write: () => Promise<T>;
  onDone: (result: T) => void;
  onCancel?: () => void;
  saved?: (result: T) => string;
  children: ComponentChildren;
}) {
  useLang();
  const [saved, setSaved] = useState<string>();
  const write = useWrite(props.write, (result) => {
    setSaved(props.saved ? props.saved(result) : t('saved'));
    props.onDone(result);
  });
  const onSubmit = (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    void write.run();
  };
  return (
    <form class="admin-form" data-testid={props.testId} noValidate onSubmit={onSubmit}>
      {props.children}
      <button type="submit" class="primary" disabled={write.busy || props.ready === false}>
        {t(props.submit)}
      </button>
      {props.onCancel ? (
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      ) : null}
      {saved ? <span class="ok">{saved}</span> : null}
      <ErrorNote error={write.error} />
    </form>
  );
}
