import type { SoftwareItem } from '@zhengban/shared';
import { runSource, type Io } from '../io.js';
import { LINUX_COMMON } from '../sources/common.js';
import type { Parsed } from '../text.js';
import { parseDpkgListing } from './dpkg.parse.js';

/** Installed Debian packages (Debian, Ubuntu, Kylin desktop, UOS, Deepin). Throws ExecNotFoundError without dpkg. */
export async function collectDpkg(io: Io): Promise<Parsed<SoftwareItem>> {
  const { stdout } = await runSource(io, LINUX_COMMON.dpkg);
  return parseDpkgListing(stdout);
}
