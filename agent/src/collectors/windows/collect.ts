import type { HostFacts } from '../host.js';
import { settle, type PlatformParts } from '../parts.js';
import type { CollectWindowsInventoryOptions } from './inventory.collect.js';

/**
 * A live Windows scan: the inventory script once, then the pure parsers. When the
 * script cannot run (no PowerShell, blocked by policy, timeout) the snapshot still
 * arrives with what systeminformation tells and the script's failure as an error.
 * The MAC addresses come from Node, which the script does not read.
 */
export async function collectWindows(host: HostFacts, now: Date | undefined, options: CollectWindowsInventoryOptions = {}): Promise<PlatformParts> {
  const inv = await settle('windows:inventory', async () => {
    const { collectWindowsInventory } = await import('./inventory.collect.js');
    return collectWindowsInventory(options);
  });
  if (!inv.ok) {
    const { collectViaSysteminformation } = await import('../other/systeminformation.collect.js');
    const parts = await collectViaSysteminformation('win32', host);
    // Windows is supported: what systeminformation would call unsupported here was not
    // read because the script did not run, and the script's error says why.
    const unread = `not read: the Windows inventory did not run (${inv.error.code})`;
    return {
      ...parts,
      os: { ...parts.os, activation: { state: 'unknown', source: 'agent', reason: unread } },
      collectionErrors: [inv.error, ...parts.collectionErrors.filter((e) => e.code !== 'E_PLATFORM_UNSUPPORTED')],
    };
  }
  const { windowsFacts } = await import('./index.js');
  const facts = windowsFacts(inv.value, now ? { now } : {});
  if (host.macAddresses.length) facts.machine.macAddresses = host.macAddresses;
  if (facts.machine.hostname === 'unknown') facts.machine.hostname = host.hostname;
  return facts;
}
