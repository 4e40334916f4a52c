import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, ImportRefusedError } from '../../src/service/errors.js';
import { importMachineLabels, setMachineLabels, type LabelDeps } from '../../src/service/machine-label-service.js';
import { writeLabels } from '../../src/service/label-write.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { T0 } from '../helper.js';
import { enrollMachines } from './label-helper.js';

/** Batches through the label writer and the service: all or nothing, swaps, refusals named by line. */

let store: Store;
let deps: LabelDeps;
let ids: string[];
beforeEach(async () => {
  store = openStore(':memory:');
  deps = { store, now: () => T0 };
  ids = await enrollMachines(store, ['pc-1', 'pc-2', 'pc-3']);
});
afterEach(() => store.close());

const w = { actor: 'test', at: T0.toISOString() };
const labels = async () => (await store.read.machines.list({ staleBefore: T0.toISOString(), limit: 10, offset: 0 })).rows.map((r) => [r.hostname, r.user, r.assetNumber]);
const refusal = async (text: string) => {
  const err = await importMachineLabels(deps, 'cli', text).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ImportRefusedError);
  return (err as ImportRefusedError).problems;
};

describe('writeLabels', () => {
  it('lets two machines swap their asset numbers in one batch', async () => {
    await writeLabels(store, [{ machineId: ids[0]!, assetNumber: 'ZC-1' }, { machineId: ids[1]!, assetNumber: 'ZC-2' }], w);
    const outcome = await writeLabels(store, [{ machineId: ids[0]!, assetNumber: 'ZC-2' }, { machineId: ids[1]!, assetNumber: 'ZC-1' }], w);
    expect(outcome).toEqual({
      kind: 'set',
      changed: [
        { id: ids[0], hostname: 'pc-1', before: { assetNumber: 'ZC-1' }, after: { assetNumber: 'ZC-2' } },
        { id: ids[1], hostname: 'pc-2', before: { assetNumber: 'ZC-2' }, after: { assetNumber: 'ZC-1' } },
      ],
    });
  });

  it('refuses a batch whole, naming unknown machines by their place, and every number held or given earlier in it', async () => {
    await writeLabels(store, [{ machineId: ids[2]!, assetNumber: 'ZC-3' }], w);
    const unknown = await writeLabels(store, [{ machineId: ids[0]!, user: '张三' }, { machineId: 'ag_nobody' }], w);
    expect(unknown).toEqual({ kind: 'not-found', indexes: [1] });
    const held = await writeLabels(store, [{ machineId: ids[0]!, user: '张三', assetNumber: 'zc-3' }, { machineId: ids[1]!, assetNumber: 'ZC-9' }, { machineId: ids[2]!, user: '王五' }], w);
    expect(held).toEqual({ kind: 'conflict', conflicts: [{ index: 0, assetNumber: 'zc-3', holder: { id: ids[2], hostname: 'pc-3' } }] });
    const twice = await writeLabels(store, [{ machineId: ids[0]!, assetNumber: 'ZC-9' }, { machineId: ids[1]!, assetNumber: 'zc-9' }], w);
    expect(twice).toEqual({ kind: 'conflict', conflicts: [{ index: 1, assetNumber: 'zc-9', holder: { id: ids[0], hostname: 'pc-1' } }] });
    expect(await labels()).toEqual([['pc-1', null, null], ['pc-2', null, null], ['pc-3', null, 'ZC-3']]);
  });

  it('writes nothing on a dry run', async () => {
    expect(await writeLabels(store, [{ machineId: ids[0]!, user: '张三' }], w, { dryRun: true })).toEqual({ kind: 'set', changed: [] });
    expect((await labels())[0]).toEqual(['pc-1', null, null]);
    expect(await store.read.audit.list({ limit: 10, offset: 0, action: 'machine.' })).toEqual([]);
  });
});

describe('the label service', () => {
  it('lets only admins and the CLI write', async () => {
    const viewer = { tokenId: 2, role: 'viewer' as const, unitId: 1 };
    await expect(setMachineLabels(deps, viewer, ids[0]!, { user: '张三' })).rejects.toThrow(ForbiddenError);
    await expect(importMachineLabels(deps, viewer, 'hostname,user\npc-1,张三\n')).rejects.toThrow(ForbiddenError);
    expect(await setMachineLabels(deps, 'cli', ids[0]!, { user: '张三' })).toMatchObject({ after: { user: '张三' } });
  });

  it('imports a file, auditing each machine changed as an import', async () => {
    const result = await importMachineLabels(deps, 'cli', `machineId,hostname,user,assetNumber\n${ids[0]},,张三,ZC-1\n,PC-2,李四,\n`);
    expect(result).toMatchObject({ machines: 2, changed: [{ id: ids[0] }, { id: ids[1] }] });
    expect(await labels()).toEqual([['pc-1', '张三', 'ZC-1'], ['pc-2', '李四', null], ['pc-3', null, null]]);
    const audit = await store.read.audit.list({ limit: 10, offset: 0, action: 'machine.update' });
    expect(audit.map((e) => [e.actor, e.target, e.detail])).toEqual([
      ['cli', `machine ${ids[1]}`, { before: { user: null }, after: { user: '李四' }, via: 'import' }],
      ['cli', `machine ${ids[0]}`, { before: { user: null, assetNumber: null }, after: { user: '张三', assetNumber: 'ZC-1' }, via: 'import' }],
    ]);
  });

  it('names, by line, a machine twice, a shared hostname, an asset number held, and one given twice, with the bad cells', async () => {
    const [shared1, shared2] = await enrollMachines(store, ['dup', 'DUP'], '教育局');
    await writeLabels(store, [{ machineId: ids[2]!, assetNumber: 'ZC-3' }, { machineId: shared1!, assetNumber: 'ZC-D' }], w);
    const problems = await refusal(['hostname,user,assetNumber', 'pc-1,张三,ZC-1', 'pc-1,张三,ZC-1', 'dup,某,', 'pc-2,李四,zc-d', `${'x'.repeat(3)},王五,ZC-5`, 'pc-3,,ZC-1', `pc-2,${'张'.repeat(51)},`].join('\n'));
    expect(problems).toEqual([
      `line 3: machine ${ids[0]} (pc-1) is on line 2 too`,
      `line 4: the hostname dup names 2 machines (${shared2}, ${shared1}); give the machine id`,
      `line 5: the asset number zc-d is already machine ${shared1} (dup)'s; an asset number names one machine`,
      'line 6: there is no machine with the hostname xxx',
      `line 7: the asset number ZC-1 is already machine ${ids[0]} (pc-1)'s (given on line 2); an asset number names one machine`,
      'line 8: column user: the user (使用人) is 51 characters long; at most 50 are allowed',
    ]);
    // The list sorts names as people read them, case aside: DUP and dup come in either order.
    expect((await labels()).sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en', { caseFirst: 'upper' }))).toEqual([['DUP', null, null], ['dup', null, 'ZC-D'], ['pc-1', null, null], ['pc-2', null, null], ['pc-3', null, 'ZC-3']]);
  });

  it('frees a number a machine gives up in the same file, so no conflict is reported for it', async () => {
    await writeLabels(store, [{ machineId: ids[2]!, assetNumber: 'ZC-3' }], w);
    await importMachineLabels(deps, 'cli', 'hostname,assetNumber\npc-2,ZC-3\npc-3,ZC-4\n');
    expect(await labels()).toEqual([['pc-1', null, null], ['pc-2', null, 'ZC-3'], ['pc-3', null, 'ZC-4']]);
  });
});
