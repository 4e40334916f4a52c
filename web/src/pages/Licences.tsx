import { api } from '../api/endpoints';
import { Async } from '../components/Status';
import { t, useLang, type Key } from '../i18n';
import { href } from '../router';
import { isAdmin, session } from '../session';
import { useLoad } from '../use-load';
import { LicenceAdmin } from './licences/LicenceAdmin';
import { ListAdmin } from './licences/ListAdmin';
import { Audit, Lists, Review } from './licences/Registry';
import { Seats } from './licences/Seats';

type Tab = 'seats' | 'review' | 'lists' | 'audit';
const TABS: { tab: Tab; key: Key; admin?: boolean }[] = [
  { tab: 'seats', key: 'licences.seats' },
  { tab: 'review', key: 'licences.review' },
  { tab: 'lists', key: 'licences.lists' },
  { tab: 'audit', key: 'licences.audit', admin: true },
];

/** An admin writes from the tabs (the API refuses a viewer anyway); a viewer sees no control. */
function SeatsTab(props: { admin: boolean }) {
  const licences = useLoad(() => api.licences(), []);
  return <Async state={licences}>{(l) => (props.admin ? <LicenceAdmin licences={l.licences} reload={licences.reload} /> : <Seats licences={l.licences} />)}</Async>;
}

function ReviewTab() {
  const review = useLoad(() => api.review(), []);
  return <section class="card"><Async state={review}>{(r) => <Review items={r.items} />}</Async></section>;
}

function ListsTab(props: { admin: boolean }) {
  const lists = useLoad(() => api.lists(), []);
  return (
    <section class="card">
      <Async state={lists}>{(l) => (props.admin ? <ListAdmin entries={l.entries} reload={lists.reload} /> : <Lists entries={l.entries} />)}</Async>
    </section>
  );
}

/** The registry's side: seats bought and used, software to review, deny and allow lists, the audit log. */
export function Licences(props: { query: URLSearchParams }) {
  useLang();
  const admin = isAdmin(session.use());
  const tabs = TABS.filter((x) => admin || !x.admin);
  const tab = tabs.find((x) => x.tab === props.query.get('tab'))?.tab ?? 'seats';
  return (
    <>
      <h1>{t('nav.licences')}</h1>
      <nav class="tabs" role="tablist">
        {tabs.map((x) => (
          <a key={x.tab} role="tab" aria-selected={x.tab === tab} class={x.tab === tab ? 'active' : undefined} href={href(['licences'], { tab: x.tab })}>
            {t(x.key)}
          </a>
        ))}
      </nav>
      {tab === 'seats' ? <SeatsTab admin={admin} /> : tab === 'review' ? <ReviewTab /> : tab === 'lists' ? <ListsTab admin={admin} /> : <section class="card"><Audit /></section>}
    </>
  );
}
