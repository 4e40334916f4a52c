// Input: what systeminformation 5 answers on any platform, e.g. on Windows:
//   osInfo()  { platform: 'Windows', distro: 'Microsoft Windows 10 Pro', release: '10.0.19045', build: '19045', arch: 'x64', … }
//   system()  { manufacturer: 'LENOVO', model: '10MQS0G100', serial: 'PC0XXXXX', uuid: '…', virtual: false }
//   chassis() { type: 'Desktop', … }
//   uuid()    { os: '<MachineGuid>', hardware: '<SMBIOS UUID>', macs: [ … ] }
// Each part may be missing when its call failed.
import type { Machine, OperatingSystem, OsFamily } from '@zhengban/shared';
import type { Systeminformation } from 'systeminformation';
import { chassisFromName } from '../chassis.js';
import type { HostFacts } from '../host.js';
import { baseMachine } from '../parts.js';
import { clean, clip } from '../text.js';

export interface SiAnswers {
  osInfo?: Systeminformation.OsData;
  system?: Systeminformation.SystemData;
  chassis?: Systeminformation.ChassisData;
  uuid?: Systeminformation.UuidData;
}

const FAMILY: Readonly<Record<string, readonly [OsFamily, string]>> = {
  win32: ['windows', 'windows'],
  darwin: ['macos', 'macos'],
};

export function machineFromSi(si: SiAnswers, host: HostFacts): Machine {
  const m = baseMachine(host);
  const sys = si.system;
  if (sys?.virtual) {
    m.chassis = 'virtual';
    m.chassisSource = clip(`systeminformation: virtual machine${sys.virtualHost ? ` (${sys.virtualHost})` : ''}`, 200);
  } else if (si.chassis?.type) {
    m.chassis = chassisFromName(si.chassis.type);
    m.chassisSource = clip(`systeminformation chassis type ${si.chassis.type}`, 200);
  } else {
    m.chassisSource = 'systeminformation gave no chassis type';
  }
  setIf(m, 'manufacturer', clean(sys?.manufacturer, 200));
  setIf(m, 'model', clean(sys?.model, 200));
  setIf(m, 'serial', clean(sys?.serial === '-' ? undefined : sys?.serial, 200));
  setIf(m, 'hardwareUuid', clean(si.uuid?.hardware || sys?.uuid, 100)?.toLowerCase());
  setIf(m, 'machineId', clean(si.uuid?.os, 100));
  return m;
}

export function osFromSi(platform: string, si: SiAnswers, host: HostFacts): OperatingSystem {
  const [family, id] = FAMILY[platform] ?? ['other', platform];
  const o = si.osInfo;
  const os: OperatingSystem = {
    family,
    name: clean(o?.distro, 200) ?? platform,
    id: clip(id, 100),
    arch: clip(host.arch || o?.arch || 'unknown', 50),
    activation: {
      state: 'unknown',
      reason: `reading ${family === 'other' ? platform : family} activation is not supported by this agent version`,
      source: 'agent',
    },
  };
  setIf(os, 'version', clean(o?.release, 100));
  setIf(os, 'build', clean(o?.build, 100));
  setIf(os, 'codename', clean(o?.codename, 100));
  setIf(os, 'kernel', clean(o?.kernel || host.kernel, 200));
  return os;
}

function setIf<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}
