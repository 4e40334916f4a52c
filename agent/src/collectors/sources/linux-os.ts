import { commandSource, fileSource } from './types.js';

/**
 * Sources for the identity and activation of domestic distributions
 * (license-detection.md §7). D-Bus is asked with dbus-send, which every
 * Kylin and UOS desktop has (package dbus), one method or property per call;
 * the collectors give each call 5 s. The Kylin methods answer (value, int32 error).
 */
const KYLIN_DEST = ['--system', '--print-reply', '--dest=org.freedesktop.activation', '/org/freedesktop/activation'];
const KYLIN_IFACE = 'org.freedesktop.activation.interface';
const DEEPIN_GET = [
  '--system', '--print-reply', '--dest=com.deepin.license', '/com/deepin/license/Info',
  'org.freedesktop.DBus.Properties.Get', 'string:com.deepin.license.Info',
];

export const LINUX_OS = {
  // Kylin
  kyinfo: fileSource('kyinfo', '/etc/.kyinfo'),
  /** Only whether it exists is used (it is never proof); the recorder need not keep its content. */
  kyactivation: fileSource('kyactivation', '/etc/.kyactivation'),
  kylinBuild: fileSource('kylin-build', '/etc/kylin-build'),
  kylinSystemVersion: fileSource('kylin-system-version.conf', '/etc/kylin-version/kylin-system-version.conf'),
  kylinStatus: commandSource('kylin-activation-status.txt', 'dbus-send', [...KYLIN_DEST, `${KYLIN_IFACE}.status`]),
  kylinTrialStatus: commandSource('kylin-activation-trial-status.txt', 'dbus-send', [...KYLIN_DEST, `${KYLIN_IFACE}.trial_status`]),
  kylinDate: commandSource('kylin-activation-date.txt', 'dbus-send', [...KYLIN_DEST, `${KYLIN_IFACE}.date`]),
  kylinTrialDate: commandSource('kylin-activation-trial-date.txt', 'dbus-send', [...KYLIN_DEST, `${KYLIN_IFACE}.trial_date`]),
  kylinSerial: commandSource('kylin-activation-serial.txt', 'dbus-send', [...KYLIN_DEST, `${KYLIN_IFACE}.serial_number`]),
  // NeoKylin (中标麒麟)
  neokylinRelease: fileSource('neokylin-release', '/etc/neokylin-release'),
  /** Product, release and licence build lines that NeoKylin's `nkvers` prints under "Build". */
  neokylinProductInfo: fileSource('neokylin-productinfo', '/etc/.productinfo'),
  // UOS and Deepin
  osVersion: fileSource('os-version', '/etc/os-version'),
  deepinVersion: fileSource('deepin-version', '/etc/deepin-version'),
  deepinAuthState: commandSource('deepin-license-state.txt', 'dbus-send', [...DEEPIN_GET, 'string:AuthorizationState']),
  uosActivatorQuery: commandSource('uos-activator-cmd.txt', 'uos-activator-cmd', ['-q']),
} as const;
