import type { MachineMove } from '../../api/types';
import { dateTime } from '../../format';
import { t, useLang } from '../../i18n';
import { href } from '../../router';

/** The units the machine belonged to, newest move first. */
export function Moves(props: { moves: MachineMove[] }) {
  useLang();
  if (props.moves.length === 0) return <p class="muted">{t('moves.none')}</p>;
  return (
    <ol class="timeline" data-testid="moves">
      {props.moves.map((m) => (
        <li key={m.id}>
          <span class="when">{dateTime(m.at)}</span>
          <span>
            <a href={href(['units', m.fromUnitId])}>{m.fromUnit}</a> → <a href={href(['units', m.toUnitId])}>{m.toUnit}</a>
          </span>
          <span class="muted">
            {m.actor}
            {m.reason ? ` · ${m.reason}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
