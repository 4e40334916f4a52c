import { Machine, OperatingSystem, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { machineFromSi, osFromSi, type SiAnswers } from '../../../src/collectors/other/systeminformation.parse.js';
import { HOST } from '../../snapshot/machines.js';

// Constructed from systeminformation's documented fields (license-detection.md §9);
// no Windows recording of its answers exists yet.
const windowsLaptop: SiAnswers = {
  osInfo: {
    platform: 'Windows', distro: 'Microsoft Windows 10 Pro', release: '10.0.19045', codename: '22H2', kernel: '10.0.19045',
    arch: 'x64', hostname: 'pc-01', fqdn: 'pc-01', codepage: '936', logofile: 'windows', serial: '00330-80000-00000-AA123',
    build: '19045', servicepack: '0.0', uefi: true,
  },
  system: { manufacturer: 'LENOVO', model: '20L5CTO1WW', version: 'ThinkPad T480', serial: 'PF1ABCDE', uuid: 'ABC', sku: '-', virtual: false },
  chassis: { manufacturer: 'LENOVO', model: '', type: 'Notebook', version: '', serial: '', assetTag: '', sku: '' },
  uuid: { os: 'b1c2d3e4-0000-4000-8000-000000000001', hardware: 'AB12CD34-0000-4000-8000-000000000002', macs: [] },
};

describe('systeminformation mapping', () => {
  it('maps a Windows laptop without taking the product ID for a serial', () => {
    const machine = assertValid(Machine, machineFromSi(windowsLaptop, HOST), 'machine');
    expect(machine).toMatchObject({
      chassis: 'laptop', chassisSource: 'systeminformation chassis type Notebook', serial: 'PF1ABCDE',
      hardwareUuid: 'ab12cd34-0000-4000-8000-000000000002', machineId: 'b1c2d3e4-0000-4000-8000-000000000001',
    });
    const os = assertValid(OperatingSystem, osFromSi('win32', windowsLaptop, HOST), 'os');
    expect(os).toMatchObject({ family: 'windows', id: 'windows', name: 'Microsoft Windows 10 Pro', build: '19045', activation: { state: 'unknown' } });
  });

  it('marks a virtual machine and survives empty answers', () => {
    const vm = machineFromSi({ system: { ...windowsLaptop.system!, virtual: true, virtualHost: 'Hyper-V' } }, HOST);
    expect(vm).toMatchObject({ chassis: 'virtual', chassisSource: 'systeminformation: virtual machine (Hyper-V)' });
    assertValid(Machine, machineFromSi({}, HOST), 'empty machine');
    expect(assertValid(OperatingSystem, osFromSi('freebsd', {}, HOST), 'empty os')).toMatchObject({ family: 'other', id: 'freebsd' });
  });
});
