import type { HostFacts } from '../../src/collectors/host.js';
import { fakeIo, linuxFixture, type FakeAnswer } from '../collectors/fixtures.js';

/** Host facts pinned so results compare across CI machines. */
export const HOST: HostFacts = {
  hostname: 'pc-01',
  kernel: '5.4.18-116-generic',
  arch: 'loongarch64',
  cpu: 'Loongson-3A5000',
  cpuCores: 4,
  memoryBytes: 8 * 1024 ** 3,
  macAddresses: ['00:23:9e:00:00:01'],
};
export const NOW = new Date('2025-03-01T02:00:00.000Z');

const dmi = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`/sys/class/dmi/id/${k}`, `${v}\n`]));

/** A Kylin desktop (dpkg) with office and antivirus packages, on a Lenovo desktop; rpm is installed too. */
export function kylinMachine(rpm: FakeAnswer = '') {
  return fakeIo(
    {
      '/etc/os-release': linuxFixture('os-release', 'kylin-v10-sp1-edu-loongarch64'),
      '/etc/machine-id': '3d1219c7c4c5404aaa1f6d2a48adfda4\n',
      ...dmi({ sys_vendor: 'LENOVO', product_name: '90N9CTO1WW', product_version: 'KaiTian M740J', chassis_type: '3' }),
    },
    {
      'dpkg-query': linuxFixture('dpkg', 'constructed-office-antivirus'),
      rpm,
      'systemd-detect-virt': { stdout: 'none\n', stderr: '', exitCode: 1 },
    },
  );
}
