import { Machine, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { CHASSIS_TYPES, chassisFromCode, chassisFromName } from '../../../src/collectors/chassis.js';
import { collectHardware } from '../../../src/collectors/linux/dmi.collect.js';
import { machineFromHardware, parseDmiGrep } from '../../../src/collectors/linux/dmi.parse.js';
import { ExecFailedError } from '../../../src/exec/run.js';
import { expectGolden, expectGoldenText, fakeIo, linuxFixture } from '../fixtures.js';

function asMachine(facts: object) {
  // Hardware facts are one part of a machine: check them inside a minimal one.
  return assertValid(Machine, { hostname: 'pc-01', ...facts }, 'machine');
}

describe('dmi fixtures', () => {
  it('reads the HP ENVY x360 (chassis type 31, Convertible) as a laptop', async () => {
    const facts = machineFromHardware({ dmi: parseDmiGrep(linuxFixture('dmi', 'hp-envy-x360-convertible-13')), detectVirt: 'none' });
    asMachine(facts);
    expect(facts).toMatchObject({ chassis: 'laptop', chassisSource: 'dmi chassis_type 31 (Convertible)', manufacturer: 'HP' });
    await expectGolden(facts, 'dmi/hp-envy-x360-convertible-13.json');
  });

  it('reads the Firecracker VM (no DMI, systemd-detect-virt says kvm) as virtual', async () => {
    const facts = machineFromHardware({
      dmi: parseDmiGrep(linuxFixture('dmi', 'debian-12-firecracker-vm')),
      detectVirt: linuxFixture('detect-virt', 'debian-12-firecracker-vm'),
    });
    asMachine(facts);
    await expectGolden(facts, 'dmi/debian-12-firecracker-vm.json');
  });
});

describe('machineFromHardware', () => {
  it('recognises a VM from DMI strings when systemd-detect-virt is absent', () => {
    const facts = machineFromHardware({ dmi: { sys_vendor: 'QEMU', product_name: 'Standard PC (Q35 + ICH9, 2009)', chassis_type: '1' } });
    expect(facts).toMatchObject({ chassis: 'virtual', chassisSource: 'dmi: virtual machine (QEMU)' });
  });

  it('trusts DMI when systemd-detect-virt says none, and falls back to the cpuinfo flag without either', () => {
    expect(machineFromHardware({ dmi: { chassis_type: '3' }, detectVirt: 'none' }).chassis).toBe('desktop');
    expect(machineFromHardware({ dmi: {}, cpuHypervisorFlag: true })).toMatchObject({ chassis: 'virtual' });
    expect(machineFromHardware({ dmi: {} })).toMatchObject({ chassis: 'unknown' });
  });

  it('drops firmware placeholders and all-zero ids; reads Lenovo model names', () => {
    const facts = machineFromHardware({
      detectVirt: 'none',
      dmi: {
        sys_vendor: 'LENOVO', product_name: '10MQS0G100', product_version: 'ThinkCentre M720t',
        product_serial: 'To be filled by O.E.M.', product_uuid: '00000000-0000-0000-0000-000000000000', chassis_type: '3',
      },
    });
    expect(facts).toEqual({
      chassis: 'desktop', chassisSource: 'dmi chassis_type 3 (Desktop)', manufacturer: 'LENOVO', model: 'ThinkCentre M720t (10MQS0G100)',
    });
  });

  it('uses the device-tree model on ARM boards without DMI', () => {
    expect(machineFromHardware({ dmi: {}, detectVirt: 'none', deviceTreeModel: 'Phytium D2000 Board\0' }).model).toBe('Phytium D2000 Board');
  });
});

describe('chassis mapping', () => {
  it('maps every SMBIOS chassis code', async () => {
    const table = Object.keys(CHASSIS_TYPES)
      .map(Number)
      .map((code) => `${String(code).padStart(2)}  ${chassisFromCode(code).name.padEnd(22)} ${chassisFromCode(code).chassis}`)
      .join('\n');
    await expectGoldenText(`${table}\n`, 'dmi/chassis-table.txt');
  });

  it('ignores the chassis-lock bit and names unknown codes', () => {
    expect(chassisFromCode(0x80 | 9)).toEqual({ chassis: 'laptop', name: 'Laptop' });
    expect(chassisFromCode(99)).toEqual({ chassis: 'unknown', name: 'code 99' });
    expect(chassisFromName('Notebook')).toBe('laptop');
    expect(chassisFromName('Rack Mount Chassis')).toBe('server');
    expect(chassisFromName('')).toBe('unknown');
  });
});

describe('collectHardware', () => {
  const dmiFiles = Object.fromEntries(
    Object.entries(parseDmiGrep(linuxFixture('dmi', 'hp-envy-x360-convertible-13'))).map(([k, v]) => [`/sys/class/dmi/id/${k}`, `${v}\n`]),
  );

  it('reads sysfs and asks systemd-detect-virt --vm', async () => {
    const io = fakeIo(dmiFiles, { 'systemd-detect-virt': { stdout: 'none\n', stderr: '', exitCode: 1 } });
    const { facts, errors } = await collectHardware(io);
    expect(io.calls).toEqual(['systemd-detect-virt --vm']);
    expect(errors).toEqual([]);
    expect(facts).toMatchObject({ chassis: 'laptop', model: 'HP ENVY x360 Convertible 13-ag0xxx' });
  });

  it('falls back to /proc/cpuinfo without systemd, and records a failing detector', async () => {
    const noSystemd = await collectHardware(fakeIo({ '/proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n' }));
    expect(noSystemd.facts).toMatchObject({ chassis: 'virtual', chassisSource: 'cpuinfo: hypervisor flag set (virtual machine)' });

    const broken = await collectHardware(fakeIo(dmiFiles, { 'systemd-detect-virt': new ExecFailedError('systemd-detect-virt', 2, 'boom', 'exit code 2', null) }));
    expect(broken.facts.chassis).toBe('laptop');
    expect(broken.errors).toEqual([{ source: 'virtualization', code: 'E_EXEC_FAILED', message: 'systemd-detect-virt failed (exit code 2): boom' }]);
  });
});
