import type { RecheckComparison } from '../../api/types';
import { pick, t, type Key } from '../../i18n';
import { GradeBadge } from './GradeBadge';

const LISTS: { key: keyof Pick<RecheckComparison, 'fixed' | 'stillFailing' | 'newlyFailing' | 'pending' | 'gone'>; words: Key; tone?: string }[] = [
  { key: 'fixed', words: 'spot.fixed', tone: 'good' },
  { key: 'stillFailing', words: 'spot.stillFailing', tone: 'bad' },
  { key: 'newlyFailing', words: 'spot.newlyFailing', tone: 'bad' },
  { key: 'pending', words: 'spot.pendingOnSite', tone: 'warn' },
  { key: 'gone', words: 'spot.gone' },
];

/** A re-check beside the spot check it follows: the grades, and the machines by what became of them. */
export function Recheck(props: { r: RecheckComparison }) {
  const r = props.r;
  return (
    <section class="card" data-testid="recheck">
      <h2>{t('spot.compared', { id: r.of })}</h2>
      <p>
        <GradeBadge grade={r.before.grade} /> → <GradeBadge grade={r.after.grade} />
      </p>
      <p class="muted small">{pick(r.before.words)}</p>
      <dl class="facts-list">
        {LISTS.map((l) => (
          <div key={l.key}>
            <dt>{t(l.words)}</dt>
            <dd class={r[l.key].length > 0 ? l.tone : undefined}>
              {r[l.key].length === 0 ? '—' : r[l.key].map((m) => `${m.no} ${m.hostname}`).join('、')}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
