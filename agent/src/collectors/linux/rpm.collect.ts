import type { SoftwareItem } from '@zhengban/shared';
import type { Io } from '../io.js';
import type { Parsed } from '../text.js';
import { RPM_FORMAT, parseRpmQuery } from './rpm.parse.js';

/** Installed rpm packages (Fedora, RHEL family, openEuler, Kylin server, SUSE). Throws ExecNotFoundError without rpm. */
export async function collectRpm(io: Io): Promise<Parsed<SoftwareItem>> {
  const { stdout } = await io.run('rpm', ['-qa', '--queryformat', RPM_FORMAT]);
  return parseRpmQuery(stdout);
}
