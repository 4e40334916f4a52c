import { DPKG_FORMAT } from '../linux/dpkg.parse.js';
import { RPM_FORMAT } from '../linux/rpm.parse.js';
import { commandSource, dirSource, fileSource } from './types.js';

/**
 * Sources every Linux scan reads: identity, hardware and packages. The host facts
 * Node gives a live scan (hostname, kernel, CPU, memory) come from `uname`,
 * /proc/cpuinfo and /proc/meminfo in a recording.
 */
export const LINUX_COMMON = {
  osRelease: fileSource('os-release', '/etc/os-release', /^os-release/),
  osReleaseVendor: fileSource('usr-lib-os-release', '/usr/lib/os-release'),
  machineId: fileSource('machine-id', '/etc/machine-id'),
  dbusMachineId: fileSource('dbus-machine-id', '/var/lib/dbus/machine-id'),
  dmi: dirSource('dmi.txt', '/sys/class/dmi/id'),
  deviceTreeModel: fileSource('device-tree-model', '/proc/device-tree/model'),
  cpuinfo: fileSource('cpuinfo', '/proc/cpuinfo'),
  meminfo: fileSource('meminfo', '/proc/meminfo'),
  detectVirt: commandSource('detect-virt.txt', 'systemd-detect-virt', ['--vm']),
  uname: commandSource('uname.txt', 'uname', ['-n', '-r', '-m']),
  dpkg: commandSource('dpkg.txt', 'dpkg-query', ['--show', `--showformat=${DPKG_FORMAT}`], /^dpkg/),
  rpm: commandSource('rpm.txt', 'rpm', ['-qa', '--queryformat', RPM_FORMAT], /^rpm/),
  /** Service states, for antivirus daemons and activation services. */
  services: commandSource('systemctl-services.txt', 'systemctl', ['list-units', '--type=service', '--all', '--no-legend', '--no-pager', '--plain']),
  /** Running program names, for products without a systemd unit. */
  processes: commandSource('processes.txt', 'ps', ['-eo', 'comm=']),
} as const;
