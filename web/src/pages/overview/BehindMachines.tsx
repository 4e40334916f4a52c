import { api } from '../../api/endpoints';
import { Async } from '../../components/Status';
import { t } from '../../i18n';
import { href } from '../../router';
import { useLoad } from '../../use-load';

const SHOWN = 10;

/** For a unit with no units below it, the "behind" are its own unauthorized machines. */
export function BehindMachines(props: { unit: string }) {
  const list = useLoad(() => api.machines({ unit: props.unit, status: 'unauthorized', limit: SHOWN, offset: 0 }), [props.unit]);
  return (
    <Async state={list}>
      {(l) =>
        l.machines.length === 0 ? (
          <p class="muted">{t('behind.none')}</p>
        ) : (
          <>
            <table class="list" data-testid="behind-machines">
              <tbody>
                {l.machines.map((m) => (
                  <tr key={m.machineId}>
                    <td>
                      <a href={href(['machines', m.machineId])}>{m.hostname}</a>
                    </td>
                    <td>{m.user ?? ''}</td>
                    <td>{m.os ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {l.total > l.machines.length ? (
              <a href={href(['machines'], { unit: props.unit, status: 'unauthorized' })}>{t('showAll', { n: l.total })}</a>
            ) : null}
          </>
        )
      }
    </Async>
  );
}
