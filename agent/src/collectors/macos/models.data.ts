import type { Chassis } from '@zhengban/shared';
import { clip } from '../text.js';

/**
 * Apple model identifiers (`hw.model`) since 2022 no longer name the family
 * (`Mac14,2` is a MacBook Air, `Mac14,3` a Mac mini), so those are listed one by one.
 * Names as Apple's "Identify your Mac model" pages give them (collected in public
 * model-identifier tables found through the code search, e.g. Mac13,1 "Mac Studio (2022)").
 * Data only: a new Mac is one line.
 */
export const MAC_MODELS: Readonly<Record<string, readonly [name: string, chassis: Chassis]>> = {
  'Mac13,1': ['Mac Studio (2022)', 'desktop'],
  'Mac13,2': ['Mac Studio (2022)', 'desktop'],
  'Mac14,2': ['MacBook Air (M2, 2022)', 'laptop'],
  'Mac14,3': ['Mac mini (2023)', 'desktop'],
  'Mac14,5': ['MacBook Pro (14-inch, 2023)', 'laptop'],
  'Mac14,6': ['MacBook Pro (16-inch, 2023)', 'laptop'],
  'Mac14,7': ['MacBook Pro (13-inch, M2, 2022)', 'laptop'],
  'Mac14,8': ['Mac Pro (2023)', 'desktop'],
  'Mac14,9': ['MacBook Pro (14-inch, 2023)', 'laptop'],
  'Mac14,10': ['MacBook Pro (16-inch, 2023)', 'laptop'],
  'Mac14,12': ['Mac mini (2023)', 'desktop'],
  'Mac14,13': ['Mac Studio (2023)', 'desktop'],
  'Mac14,14': ['Mac Studio (2023)', 'desktop'],
  'Mac14,15': ['MacBook Air (15-inch, M2, 2023)', 'laptop'],
  'Mac15,3': ['MacBook Pro (14-inch, Nov 2023)', 'laptop'],
  'Mac15,4': ['iMac (24-inch, 2023)', 'desktop'],
  'Mac15,5': ['iMac (24-inch, 2023)', 'desktop'],
  'Mac15,6': ['MacBook Pro (14-inch, Nov 2023)', 'laptop'],
  'Mac15,7': ['MacBook Pro (16-inch, Nov 2023)', 'laptop'],
  'Mac15,8': ['MacBook Pro (14-inch, Nov 2023)', 'laptop'],
  'Mac15,9': ['MacBook Pro (16-inch, Nov 2023)', 'laptop'],
  'Mac15,10': ['MacBook Pro (14-inch, Nov 2023)', 'laptop'],
  'Mac15,11': ['MacBook Pro (16-inch, Nov 2023)', 'laptop'],
  'Mac15,12': ['MacBook Air (13-inch, M3, 2024)', 'laptop'],
  'Mac15,13': ['MacBook Air (15-inch, M3, 2024)', 'laptop'],
  'Mac15,14': ['Mac Studio (2025)', 'desktop'],
  'Mac16,1': ['MacBook Pro (14-inch, 2024)', 'laptop'],
  'Mac16,2': ['iMac (24-inch, 2024)', 'desktop'],
  'Mac16,3': ['iMac (24-inch, 2024)', 'desktop'],
  'Mac16,5': ['MacBook Pro (16-inch, 2024)', 'laptop'],
  'Mac16,6': ['MacBook Pro (14-inch, 2024)', 'laptop'],
  'Mac16,7': ['MacBook Pro (16-inch, 2024)', 'laptop'],
  'Mac16,8': ['MacBook Pro (14-inch, 2024)', 'laptop'],
  'Mac16,9': ['Mac Studio (2025)', 'desktop'],
  'Mac16,10': ['Mac mini (2024)', 'desktop'],
  'Mac16,11': ['Mac mini (2024)', 'desktop'],
  'Mac16,12': ['MacBook Air (13-inch, M4, 2025)', 'laptop'],
  'Mac16,13': ['MacBook Air (15-inch, M4, 2025)', 'laptop'],
  'Mac17,2': ['MacBook Pro (14-inch, M5)', 'laptop'],
};

/** Older identifiers carry the family in their name. */
const FAMILIES: readonly (readonly [RegExp, Chassis, string])[] = [
  [/^(VMware|Parallels|VirtualBox|VirtualMac)/i, 'virtual', 'virtual machine'],
  [/^MacBook/, 'laptop', 'MacBook family'],
  [/^(iMac|Macmini|MacPro|PowerMac)/, 'desktop', 'desktop family'],
  [/^Xserve/, 'server', 'Xserve'],
];

/** Hypervisors that present themselves as the manufacturer. */
const VIRTUAL_MAKERS = /vmware|parallels|qemu|innotek|virtualbox|utm/i;

export function modelChassis(model: string | undefined, manufacturer: string | undefined): { chassis: Chassis; chassisSource: string } {
  const found = readChassis(model, manufacturer);
  return { chassis: found.chassis, chassisSource: clip(found.chassisSource, 200) };
}

function readChassis(model: string | undefined, manufacturer: string | undefined): { chassis: Chassis; chassisSource: string } {
  if (manufacturer && VIRTUAL_MAKERS.test(manufacturer)) {
    return { chassis: 'virtual', chassisSource: `ioreg manufacturer ${manufacturer}` };
  }
  if (!model) return { chassis: 'unknown', chassisSource: 'no model identifier (sysctl hw.model, ioreg model)' };
  const listed = MAC_MODELS[model];
  if (listed) return { chassis: listed[1], chassisSource: `hw.model ${model} (${listed[0]})` };
  for (const [re, chassis, what] of FAMILIES) {
    if (re.test(model)) return { chassis, chassisSource: `hw.model ${model} (${what})` };
  }
  return { chassis: 'unknown', chassisSource: `hw.model ${model} (not in the agent's table of Apple models)` };
}
