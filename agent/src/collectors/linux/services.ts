import { ExecFailedError } from '../../exec/run.js';
import { runIfInstalled, type Io } from '../io.js';
import { LINUX_COMMON } from '../sources/common.js';
import type { CommandSource } from '../sources/types.js';

export interface ServiceState {
  /** systemd's ACTIVE column: active, inactive, failed, activating … */
  active: string;
  /** systemd's SUB column: running, exited, dead … */
  sub: string;
}

/**
 * systemd units by name (`clamav-daemon.service` → state), from
 * `systemctl list-units --type=service --all --plain --no-legend`:
 *   clamav-daemon.service   loaded active   running Clam AntiVirus userspace daemon
 * Lines that do not have the four columns are skipped. Undefined when the machine
 * has no systemctl (a container, an old init): "not known", not "not running".
 */
export async function readServices(io: Io): Promise<Map<string, ServiceState> | undefined> {
  const stdout = await outputIfInstalled(io, LINUX_COMMON.services);
  return stdout === undefined ? undefined : parseServices(stdout);
}

/** A listing command's output, or undefined when the program is not installed or systemd is not running. */
async function outputIfInstalled(io: Io, source: CommandSource): Promise<string | undefined> {
  try {
    return await runIfInstalled(io, source, { timeoutMs: 10_000 });
  } catch (err) {
    if (notSystemd(err)) return undefined;
    throw err;
  }
}

/**
 * systemctl installed on a machine that did not boot with systemd (a container, a
 * chroot, SysV init) has no units to list: that is "not known", not a failure.
 */
function notSystemd(err: unknown): boolean {
  return err instanceof ExecFailedError && /not been booted with systemd/i.test(err.stderr);
}

export function parseServices(text: string): Map<string, ServiceState> {
  const out = new Map<string, ServiceState>();
  for (const raw of text.split(/\r?\n/)) {
    // A failed unit is prefixed with a marker (● or *) even with --plain on old systemd.
    const f = raw.replace(/^\s*[●*]\s*/, '').trim().split(/\s+/);
    if (f.length < 4 || !f[0]!.includes('.')) continue;
    out.set(f[0]!, { active: f[2]!, sub: f[3]! });
  }
  return out;
}

/** Names of running programs (`ps -eo comm=`), or undefined when ps is not there. */
export async function readProcesses(io: Io): Promise<Set<string> | undefined> {
  const stdout = await outputIfInstalled(io, LINUX_COMMON.processes);
  if (stdout === undefined) return undefined;
  return new Set(stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
}
