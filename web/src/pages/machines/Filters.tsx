import { useEffect, useState } from 'preact/hooks';
import type { MachineFilter, UnitView } from '../../api/types';
import { Choice, TextField } from '../../components/Fields';
import { t } from '../../i18n';
import { STATUSES } from './url-filter';
import { unitOptions } from '../../unit-tree';
import { CATEGORIES, FINDING_CODES, categoryWord, codeWord } from '../../words';

type Change = (patch: Partial<MachineFilter>) => void;

const REASON_CODES = FINDING_CODES.filter((c) => c !== 'licensed');

/** Selects apply at once; the words typed (search, OS) apply on Enter or the button. */
export function Filters(props: { filter: MachineFilter; units: UnitView[]; onChange: Change }) {
  const f = props.filter;
  const [q, setQ] = useState(f.q ?? '');
  const [os, setOs] = useState(f.os ?? '');
  useEffect(() => setQ(f.q ?? ''), [f.q]);
  useEffect(() => setOs(f.os ?? ''), [f.os]);
  const set = (patch: Partial<MachineFilter>) => props.onChange({ ...patch, offset: 0 });

  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        set({ q: q.trim() || undefined, os: os.trim() || undefined });
      }}
    >
      <TextField label="filter.search" name="q" type="search" value={q} placeholder={t('filter.searchHint')} onInput={setQ} />
      <Choice label="unit" name="unit" value={f.unit} empty="filter.any" options={unitOptions(props.units, { value: (u) => u.name })} onChange={(unit) => set({ unit })} />
      <Choice label="filter.status" name="status" value={f.status} empty="filter.any" options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} onChange={(v) => set({ status: v as MachineFilter['status'] })} />
      <Choice label="filter.reporting" name="reporting" value={f.reporting === undefined ? undefined : String(f.reporting)} empty="filter.any" options={[{ value: 'true', label: t('reporting.true') }, { value: 'false', label: t('reporting.false') }]} onChange={(v) => set({ reporting: v === undefined ? undefined : v === 'true' })} />
      <Choice label="filter.category" name="category" value={f.category} empty="filter.any" options={CATEGORIES.map((c) => ({ value: c, label: categoryWord(c) }))} onChange={(v) => set({ category: v as MachineFilter['category'] })} />
      <Choice label="filter.code" name="code" value={f.code} empty="filter.any" options={REASON_CODES.map((c) => ({ value: c, label: codeWord(c) }))} onChange={(v) => set({ code: v as MachineFilter['code'] })} />
      <TextField label="filter.os" name="os" value={os} onInput={setOs} />
      <button type="submit">{t('filter.apply')}</button>
    </form>
  );
}
