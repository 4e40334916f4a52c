import type { ComponentChildren } from 'preact';
import { setLang, t, useLang, type Key } from '../i18n';
import { end, session } from '../session';

const NAV: { path: string; key: Key }[] = [
  { path: '', key: 'nav.overview' },
  { path: 'units', key: 'nav.units' },
  { path: 'machines', key: 'nav.machines' },
  { path: 'licences', key: 'nav.licences' },
  { path: 'reports', key: 'nav.reports' },
  { path: 'spot-checks', key: 'nav.spotChecks' },
];

export function LangSwitch() {
  const lang = useLang();
  return (
    <button type="button" class="link lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  );
}

export function Layout(props: { section: string; children: ComponentChildren }) {
  useLang();
  const s = session.use();
  return (
    <div class="app">
      <header class="topbar">
        <a class="brand" href="#/">{t('app.title')}</a>
        <nav>
          {NAV.map((n) => (
            <a key={n.path} href={`#/${n.path}`} class={props.section === n.path ? 'active' : undefined} aria-current={props.section === n.path ? 'page' : undefined}>
              {t(n.key)}
            </a>
          ))}
        </nav>
        <div class="who">
          <span class="role" title={s?.unit ?? ''}>
            {t(s?.role === 'admin' ? 'role.admin' : 'role.viewer')}
            {s?.unit ? ` · ${s.unit}` : ''}
          </span>
          <LangSwitch />
          <button type="button" class="link" onClick={() => void end()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main>{props.children}</main>
    </div>
  );
}
