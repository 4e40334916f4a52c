// Input: `/opt/bitdefender-security-tools/bin/bduitool get ps` (GLPI's real recording):
//   Product version: 7.0.3.2239
//   New product update available: no
//   Last security content update: 2023-08-24 at 11:44:37 GMT+2
//   New security content available: no
//   Features:
//     - Antimalware status: On
import { clean, fieldLines } from '../../text.js';
import type { StatusFacts } from './status.js';

/** `Key: value` lines, the feature list's `  - Key: value` included. */
export function parseBduitool(text: string): Map<string, string> {
  return fieldLines(text, /^\s*(?:-\s+)?([^:]+?):\s+(.+?)\s*$/);
}

/**
 * Antimalware On/Off is real-time protection; "New security content available: no"
 * means definitions are current. A pending product update is not a definitions
 * matter, so unlike GLPI it does not make definitions out of date.
 */
export function bitdefenderStatus(fields: ReadonlyMap<string, string>): StatusFacts {
  const out: StatusFacts = {};
  const version = clean(fields.get('Product version'), 100);
  if (version) out.version = version;
  const am = fields.get('Antimalware status')?.toLowerCase();
  if (am === 'on' || am === 'off') {
    out.enabled = am === 'on';
    out.state = am;
  }
  const pending = fields.get('New security content available')?.toLowerCase();
  if (pending === 'no' || pending === 'yes') out.upToDate = pending === 'no';
  return out;
}
