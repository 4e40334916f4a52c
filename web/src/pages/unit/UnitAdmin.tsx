import { api } from '../../api/endpoints';
import type { UnitView } from '../../api/types';
import { DeleteButton } from '../../components/DeleteButton';
import { t, useLang } from '../../i18n';
import { navigate } from '../../router';
import { UnitForm } from './UnitForm';

/**
 * An admin's edit of a unit, and its deletion. A new parent re-judges every machine (the
 * licences that cover a unit are those of the units above it): the form says what changed.
 * Deleting is refused while machines, licences or units below refer to the unit.
 */
export function UnitAdmin(props: { unit: UnitView; units: UnitView[]; reload: () => void }) {
  useLang();
  const { unit } = props;
  return (
    <section class="card" data-testid="unit-admin">
      <h2>{t('unit.admin')}</h2>
      <UnitForm unit={unit} units={props.units} onDone={props.reload} />
      <div class="danger-zone">
        <span class="muted small">{t('unit.deleteHint')}</span>
        <DeleteButton testId="unit-delete" what={unit.name} remove={() => api.deleteUnit(unit.id)} onDone={() => navigate(unit.parentId === null ? ['units'] : ['units', unit.parentId])} />
      </div>
    </section>
  );
}
