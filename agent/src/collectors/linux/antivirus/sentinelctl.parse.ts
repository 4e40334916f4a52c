// Input: `sentinelctl version` and `sentinelctl control status` (GLPI's real recording
// holds these and two more outputs one after another):
//   Agent version: 30.1.1.10
//   DFI engine                          Enabled
//   Agent state      Enabled
// Keys end at ": " or at two or more spaces.
import { clean, fieldLines } from '../../text.js';
import type { StatusFacts } from './status.js';

export function parseSentinelctl(text: string): Map<string, string> {
  // `Agent version: 30.1.1.10` and `Agent state      Enabled` (columns) alike.
  return fieldLines(text, /^(\S(?:.*?\S)?)(?::\s+|\s{2,})(\S.*?)\s*$/);
}

/**
 * Agent state Enabled/Disabled is the protection. SentinelOne has no signature files,
 * so it says nothing about definitions (GLPI's use of cloud connectivity is a guess we
 * do not repeat).
 */
export function sentinelOneStatus(fields: ReadonlyMap<string, string>): StatusFacts {
  const out: StatusFacts = {};
  const version = clean(fields.get('Agent version'), 100);
  if (version) out.version = version;
  const state = fields.get('Agent state')?.toLowerCase();
  if (state === 'enabled' || state === 'disabled') {
    out.enabled = state === 'enabled';
    out.state = state;
  }
  return out;
}
