import { ZhengbanError } from '@zhengban/shared';
import type { Io } from '../io.js';
import { LINUX_COMMON } from '../sources/common.js';
import type { OsRelease } from './os-release.js';
import { parseOsRelease } from './os-release.parse.js';

/** os-release(5): /etc/os-release wins; /usr/lib/os-release is the vendor's fallback. */
export const OS_RELEASE_PATHS = [LINUX_COMMON.osRelease.path, LINUX_COMMON.osReleaseVendor.path] as const;

export class OsReleaseMissingError extends ZhengbanError {
  constructor() {
    super('E_OS_RELEASE_MISSING', `no os-release file found (${OS_RELEASE_PATHS.join(', ')})`);
  }
}

export async function collectOsRelease(io: Io): Promise<OsRelease> {
  for (const path of OS_RELEASE_PATHS) {
    const text = await io.readText(path);
    if (text !== null) return parseOsRelease(text);
  }
  throw new OsReleaseMissingError();
}
