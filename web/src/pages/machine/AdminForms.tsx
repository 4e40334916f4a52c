import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { MachineDetail, UnitView } from '../../api/types';
import { Choice, TextField } from '../../components/Fields';
import { WriteForm } from '../../components/WriteForm';
import { useLang } from '../../i18n';

/** 使用人 and 资产编号: the agent cannot measure them, so an admin sets them here. */
export function LabelsForm(props: { machine: MachineDetail; onSaved: () => void }) {
  useLang();
  const [user, setUser] = useState(props.machine.user ?? '');
  const [assetNumber, setAssetNumber] = useState(props.machine.assetNumber ?? '');
  return (
    <WriteForm testId="labels-form" submit="save" write={() => api.patchMachine(props.machine.machineId, { user, assetNumber })} onDone={props.onSaved}>
      <TextField label="machine.user" name="user" value={user} onInput={setUser} />
      <TextField label="machine.assetNumber" name="assetNumber" value={assetNumber} onInput={setAssetNumber} />
    </WriteForm>
  );
}

/** Moving a machine to another unit re-judges it against that unit's licences. */
export function MoveForm(props: { machine: MachineDetail; units: UnitView[]; onMoved: () => void }) {
  useLang();
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  const others = props.units.filter((u) => u.name !== props.machine.unit);
  const move = () => api.moveMachine(props.machine.machineId, { unitId: Number(unitId), ...(reason.trim() ? { reason: reason.trim() } : {}) });
  return (
    <WriteForm testId="move-form" submit="move.submit" ready={unitId !== ''} write={move} onDone={props.onMoved}>
      <Choice label="move.to" name="unitId" value={unitId} required empty="move.choose" options={others.map((u) => ({ value: String(u.id), label: u.name }))} onChange={(v) => setUnitId(v ?? '')} />
      <TextField label="move.reason" name="reason" value={reason} onInput={setReason} />
    </WriteForm>
  );
}
