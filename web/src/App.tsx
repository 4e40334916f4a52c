import { useEffect } from 'preact/hooks';
import { Layout } from './components/Layout';
import { t, useLang } from './i18n';
import { Licences } from './pages/Licences';
import { Machine } from './pages/Machine';
import { Machines } from './pages/Machines';
import { Overview } from './pages/Overview';
import { Reports } from './pages/Reports';
import { SignIn } from './pages/SignIn';
import { SpotChecks } from './pages/SpotChecks';
import { SpotCheck } from './pages/spotcheck/SpotCheck';
import { UnitPage, Units } from './pages/Units';
import { useRoute, type Route } from './router';
import { restore, session } from './session';

function Page(props: { route: Route }) {
  const [section = '', id] = props.route.path;
  const { query } = props.route;
  if (section === '') return <Overview />;
  if (section === 'units') return id && /^\d+$/.test(id) ? <UnitPage id={Number(id)} /> : <Units />;
  if (section === 'machines') return id ? <Machine id={id} /> : <Machines query={query} />;
  if (section === 'licences') return <Licences query={query} />;
  if (section === 'reports') return <Reports query={query} />;
  if (section === 'spot-checks') return id && /^\d+$/.test(id) ? <SpotCheck id={Number(id)} /> : <SpotChecks />;
  return <p class="error">{t('notFound')}</p>;
}

export function App() {
  useLang();
  const s = session.use();
  const route = useRoute();
  useEffect(() => void restore(), []);
  if (s === undefined) return <p class="muted boot">{t('loading')}</p>;
  if (s === null) return <SignIn />;
  return (
    <Layout section={route.path[0] ?? ''}>
      <Page route={route} />
    </Layout>
  );
}
