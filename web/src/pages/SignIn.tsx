import { useState } from 'preact/hooks';
import { ErrorNote } from '../components/Status';
import { LangSwitch } from '../components/Layout';
import { t, useLang } from '../i18n';
import { start } from '../session';

/** The API token an admin made with `zhengban-collector token create`, exchanged for a session. */
export function SignIn() {
  useLang();
  const [token, setToken] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await start(token.trim());
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="signin">
      <form class="card" onSubmit={(e) => void submit(e)}>
        <div class="signin-head">
          <h1>{t('app.title')}</h1>
          <LangSwitch />
        </div>
        <p class="muted">{t('signin.lead')}</p>
        <label>
          {t('signin.token')}
          <input name="token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" class="primary" disabled={busy || token.trim() === ''}>
          {t(busy ? 'signin.busy' : 'signin.submit')}
        </button>
        <p class="muted small">{t('signin.hint')}</p>
      </form>
    </div>
  );
}
