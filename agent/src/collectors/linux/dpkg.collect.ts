import type { SoftwareItem } from '@zhengban/shared';
import type { Io } from '../io.js';
import type { Parsed } from '../text.js';
import { DPKG_FORMAT, parseDpkgQuery } from './dpkg.parse.js';

/** Installed Debian packages (Debian, Ubuntu, Kylin desktop, UOS, Deepin). Throws ExecNotFoundError without dpkg. */
export async function collectDpkg(io: Io): Promise<Parsed<SoftwareItem>> {
  const { stdout } = await io.run('dpkg-query', ['--show', `--showformat=${DPKG_FORMAT}`]);
  return parseDpkgQuery(stdout);
}
