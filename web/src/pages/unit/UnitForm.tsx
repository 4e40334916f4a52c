import { api } from '../../api/endpoints';
import type { UnitInput, UnitKind, UnitSector, UnitView, UnitWrite } from '../../api/types';
import { unitKinds, unitSectors } from '../../choices';
import { Choice, TextField } from '../../components/Fields';
import { WriteForm } from '../../components/WriteForm';
import { doneText } from '../../format';
import { useLang } from '../../i18n';
import { unitOptions } from '../../unit-tree';
import { fieldText, numberOrNull, textOrNull, useFields } from '../../use-fields';

/** A new unit is a department unless said otherwise, as the API makes one. */
function fieldsOf(unit: UnitView | undefined) {
  return {
    name: unit?.name ?? '',
    parentId: fieldText(unit?.parentId),
    kind: unit?.kind ?? 'department',
    sector: unit?.sector ?? '',
    code: unit?.code ?? '',
    headcount: fieldText(unit?.headcount),
  };
}

type UnitFields = ReturnType<typeof fieldsOf>;

/** Every field, blanks as null: an edit sends them all, so clearing a field clears it. */
function inputOf(f: UnitFields): UnitInput {
  return {
    name: f.name,
    parentId: f.parentId ? Number(f.parentId) : null,
    kind: f.kind as UnitKind,
    sector: (f.sector || null) as UnitSector | null,
    code: textOrNull(f.code),
    headcount: numberOrNull(f.headcount),
  };
}

/**
 * A unit's name, place in the tree and what it is; the same form creates one (no `unit`)
 * and edits one. A unit cannot be put under itself or a unit below it, so those are not offered.
 */
export function UnitForm(props: { unit?: UnitView; units: UnitView[]; onDone: (result: UnitWrite) => void; onCancel?: () => void }) {
  useLang();
  const { unit } = props;
  const f = useFields(() => fieldsOf(unit));
  const write = () => (unit ? api.patchUnit(unit.id, inputOf(f.values)) : api.createUnit(inputOf(f.values)));
  return (
    <WriteForm testId="unit-form" submit={unit ? 'save' : 'unit.create'} write={write} onDone={props.onDone} onCancel={props.onCancel} saved={(r) => doneText('unit.saved', r.rejudged)}>
      <TextField label="unit.name" wide {...f.text('name')} />
      <Choice label="unit.parent" empty="unit.noParent" options={unitOptions(props.units, { skip: unit?.id })} {...f.choice('parentId')} />
      <Choice label="unit.kind" options={unitKinds()} {...f.choice('kind')} />
      <Choice label="unit.sector" empty="unit.noSector" options={unitSectors()} {...f.choice('sector')} />
      <TextField label="unit.code" {...f.text('code')} />
      <TextField label="unit.headcount" type="number" {...f.text('headcount')} />
    </WriteForm>
  );
}
