import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import type { Loaded } from '../use-load';

/** An API refusal as the API words it, with its code for whoever reads the logs. */
export function ErrorNote(props: { error: Error | undefined }) {
  const e = props.error;
  if (!e) return null;
  const missing = e instanceof ApiError && e.status === 404 && e.code === 'E_NOT_FOUND' && e.message.startsWith('no route');
  return (
    <p class="error" role="alert">
      {missing ? t('error.notAvailable') : e instanceof ApiError && e.status === 0 ? t('error.network') : e.message}
      {e instanceof ApiError && e.code ? <code class="code">{e.code}</code> : null}
    </p>
  );
}

/** The children once `state` has data; a loading line or the error before that. */
export function Async<T>(props: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { data, error, loading } = props.state;
  if (error) return <ErrorNote error={error} />;
  if (data === undefined) return <p class="muted">{loading ? t('loading') : ''}</p>;
  return <>{props.children(data)}</>;
}

/** What the last write did ("已保存。已重新判定 60 台计算机…"), until the next one. */
export function Notice(props: { text: string | undefined }) {
  if (!props.text) return null;
  return (
    <p class="ok notice" role="status" data-testid="notice">
      {props.text}
    </p>
  );
}
