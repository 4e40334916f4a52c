import { LINUX_APPS } from './linux-apps.js';
import { LINUX_COMMON } from './common.js';
import { LINUX_OS } from './linux-os.js';
import { MACOS } from './macos.js';
import type { Source } from './types.js';

export { LINUX_APPS, LINUX_COMMON, LINUX_OS, MACOS };
export * from './types.js';

/** Everything a Linux scan reads, in the order the recorder captures it. */
export const LINUX_SOURCES: readonly Source[] = [
  ...Object.values(LINUX_COMMON),
  ...Object.values(LINUX_OS),
  ...Object.values(LINUX_APPS),
];

export const MACOS_SOURCES: readonly Source[] = Object.values(MACOS);
