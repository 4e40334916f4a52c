import type { MachineStatus } from '../api/types';
import { t } from '../i18n';

export function StatusBadge(props: { status: MachineStatus; stale?: boolean }) {
  return (
    <span class="badges">
      <span class={`badge ${props.status}`}>{t(`status.${props.status}`)}</span>
      {props.stale ? <span class="badge stale">{t('status.stale')}</span> : null}
    </span>
  );
}
