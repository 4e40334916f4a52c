import type { SoftwareItem } from '@zhengban/shared';
import { runSource, type Io } from '../io.js';
import { LINUX_COMMON } from '../sources/common.js';
import type { Parsed } from '../text.js';
import { parseRpmQuery } from './rpm.parse.js';

/** Installed rpm packages (Fedora, RHEL family, openEuler, Kylin server, SUSE). Throws ExecNotFoundError without rpm. */
export async function collectRpm(io: Io): Promise<Parsed<SoftwareItem>> {
  const { stdout } = await runSource(io, LINUX_COMMON.rpm);
  return parseRpmQuery(stdout);
}
