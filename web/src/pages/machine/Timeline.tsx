import type { VerdictRecord } from '../../api/types';
import { dateTime } from '../../format';
import { t, useLang } from '../../i18n';
import { StatusBadge } from '../../components/StatusBadge';
import { codeWord } from '../../words';

/** Every change of verdict, newest first: when, what made the collector judge again, what failed. */
export function Timeline(props: { records: VerdictRecord[] }) {
  useLang();
  if (props.records.length === 0) return <p class="muted">{t('empty')}</p>;
  return (
    <ol class="timeline" data-testid="timeline">
      {props.records.map((r) => {
        const failed = [...new Set(r.verdict.findings.filter((f) => !f.passed).map((f) => codeWord(f.code)))];
        return (
          <li key={r.id} class={r.verdict.status}>
            <span class="when">{dateTime(r.verdict.decidedAt)}</span>
            <StatusBadge status={r.verdict.status} />
            <span class="trigger">
              {t(`trigger.${r.trigger}`)}
              {r.triggerDetail ? `: ${r.triggerDetail}` : ''}
            </span>
            {failed.length ? <span class="muted">{failed.join('、')}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
