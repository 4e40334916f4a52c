import type { CollectionError } from '@zhengban/shared';
import { ExecNotFoundError } from '../../exec/run.js';
import { collectionError } from '../collection-error.js';
import { readIfPermitted, runSource, type Io } from '../io.js';
import { LINUX_COMMON } from '../sources/common.js';
import { DMI_KEYS, machineFromHardware, type DmiFiles, type HardwareFacts, type HardwareRaw } from './dmi.parse.js';

const DMI_DIR = LINUX_COMMON.dmi.dir;

/**
 * Hardware identity and chassis from sysfs, read directly: cheaper than
 * systeminformation's system()/chassis(), which shell out to dmidecode and dmesg
 * and block the event loop with execSync.
 */
export async function collectHardware(io: Io): Promise<{ facts: HardwareFacts; errors: CollectionError[] }> {
  const errors: CollectionError[] = [];
  const [dmi, detectVirt] = await Promise.all([readDmi(io), detectVirtualization(io, errors)]);
  const raw: HardwareRaw = { dmi };
  if (detectVirt !== undefined) raw.detectVirt = detectVirt;
  else raw.cpuHypervisorFlag = await hasHypervisorFlag(io);
  if (!dmi.product_name) {
    const model = await readIfPermitted(io, LINUX_COMMON.deviceTreeModel.path);
    if (model) raw.deviceTreeModel = model;
  }
  return { facts: machineFromHardware(raw), errors };
}

async function readDmi(io: Io): Promise<DmiFiles> {
  const values = await Promise.all(DMI_KEYS.map((k) => readIfPermitted(io, `${DMI_DIR}/${k}`)));
  const out: DmiFiles = {};
  DMI_KEYS.forEach((k, i) => {
    const v = values[i];
    if (v != null) out[k] = v.trim();
  });
  return out;
}

/** `systemd-detect-virt --vm` prints the hypervisor, or `none` with exit code 1. */
async function detectVirtualization(io: Io, errors: CollectionError[]): Promise<string | undefined> {
  try {
    const { stdout } = await runSource(io, LINUX_COMMON.detectVirt, { timeoutMs: 5000, okExitCodes: [1] });
    return stdout.trim() || 'none';
  } catch (err) {
    if (!(err instanceof ExecNotFoundError)) {
      errors.push(collectionError('virtualization', err));
    }
    return undefined;
  }
}

async function hasHypervisorFlag(io: Io): Promise<boolean> {
  const text = await readIfPermitted(io, LINUX_COMMON.cpuinfo.path).catch(() => null);
  return text !== null && /^flags\s*:.*\bhypervisor\b/m.test(text);
}
