import type { Category, Finding } from '../../api/types';
import { currentLang, t, useLang } from '../../i18n';
import { CATEGORIES, categoryWord, codeWord } from '../../words';

/** The plain words of a finding in the reader's language. */
const words = (f: Finding) => (currentLang() === 'en' ? f.message : f.messageZh);

function FindingItem(props: { finding: Finding }) {
  const f = props.finding;
  return (
    <li class={f.passed ? 'finding passed' : 'finding failed'} data-testid="finding">
      <details>
        <summary>
          <span class={`badge ${f.passed ? 'licensed' : 'unauthorized'}`}>{codeWord(f.code)}</span>
          <span class="subject">{f.subject}</span>
          <span class="message">{words(f)}</span>
        </summary>
        <div class="facts">
          <h4>{t('finding.facts')}</h4>
          {f.facts.length ? (
            <ul>
              {f.facts.map((fact, i) => (
                <li key={i}>
                  <code>{fact}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('finding.noFacts')}</p>
          )}
          {f.snapshotId ? <p class="muted small">{t('finding.snapshot', { id: f.snapshotId })}</p> : null}
        </div>
      </details>
    </li>
  );
}

/** Findings by category, failures first: categories with a failure lead, and within each its failures. */
function byCategory(findings: Finding[]): [Category, Finding[]][] {
  const groups = CATEGORIES.map((c): [Category, Finding[]] => [c, findings.filter((f) => f.category === c).sort((a, b) => Number(a.passed) - Number(b.passed))]);
  const failing = ([, list]: [Category, Finding[]]) => (list.some((f) => !f.passed) ? 0 : 1);
  return groups.filter(([, list]) => list.length > 0).sort((a, b) => failing(a) - failing(b));
}

/**
 * What the verdict found, by category, failures first: each says in plain words what
 * is wrong and opens onto the measured facts it rests on.
 */
export function Findings(props: { findings: Finding[] }) {
  useLang();
  if (props.findings.length === 0) return <p class="muted">{t('finding.none')}</p>;
  return (
    <div class="findings">
      {byCategory(props.findings).map(([c, list]) => (
        <section key={c}>
          <h3>{categoryWord(c)}</h3>
          <ul class="finding-list">
            {list.map((f, i) => (
              <FindingItem key={i} finding={f} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
