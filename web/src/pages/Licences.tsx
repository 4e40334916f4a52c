import { api } from '../api/endpoints';
import { Async } from '../components/Status';
import { t, useLang, type Key } from '../i18n';
import { href } from '../router';
import { isAdmin, session } from '../session';
import { useLoad } from '../use-load';
import { Audit, Lists, Review } from './licences/Registry';
import { Seats } from './licences/Seats';

type Tab = 'seats' | 'review' | 'lists' | 'audit';
const TABS: { tab: Tab; key: Key; admin?: boolean }[] = [
  { tab: 'seats', key: 'licences.seats' },
  { tab: 'review', key: 'licences.review' },
  { tab: 'lists', key: 'licences.lists' },
  { tab: 'audit', key: 'licences.audit', admin: true },
];

function SeatsTab() {
  const licences = useLoad(() => api.licences(), []);
  return <Async state={licences}>{(l) => <Seats licences={l.licences} />}</Async>;
}

function ReviewTab() {
  const review = useLoad(() => api.review(), []);
  return <section class="card"><Async state={review}>{(r) => <Review items={r.items} />}</Async></section>;
}

function ListsTab() {
  const lists = useLoad(() => api.lists(), []);
  return <section class="card"><Async state={lists}>{(l) => <Lists entries={l.entries} />}</Async></section>;
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
      {tab === 'seats' ? <SeatsTab /> : tab === 'review' ? <ReviewTab /> : tab === 'lists' ? <ListsTab /> : <section class="card"><Audit /></section>}
    </>
  );
}
