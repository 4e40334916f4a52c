import type { Reason } from '../../api/types';
import { SplitBar } from '../../components/Bar';
import { count } from '../../format';
import { pick, t } from '../../i18n';
import { href } from '../../router';

/** Why machines are unauthorized, commonest first; each reason opens the machines it names. */
export function Reasons(props: { reasons: Reason[]; unit: string }) {
  if (props.reasons.length === 0) return <p class="muted">{t('reasons.none')}</p>;
  // Bars against the commonest reason: one machine may fail for several.
  const most = Math.max(...props.reasons.map((r) => r.machines));
  return (
    <table class="list reasons" data-testid="reasons">
      <tbody>
        {props.reasons.map((r) => (
          <tr key={`${r.category}:${r.code}`}>
            <td>
              <a href={href(['machines'], { unit: props.unit, status: 'unauthorized', reporting: 'true', category: r.category, code: r.code })}>{pick(r)}</a>
            </td>
            <td class="bar-col">
              <SplitBar used={r.machines} total={most} bad label={t('machinesN', { n: count(r.machines) })} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
