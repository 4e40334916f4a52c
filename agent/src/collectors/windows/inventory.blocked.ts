// Input: how Windows refuses the inventory script. PowerShell's execution policy (a
// Group Policy AllSigned, or RemoteSigned with a downloaded file) prints, on English
// and Chinese Windows alike, an error record whose last lines are not translated:
//   File C:\Program Files\zhengban\agent\resources\windows\inventory.ps1 cannot be loaded. The file … is not digitally signed. …
//       + CategoryInfo          : SecurityError: (:) [], ParentContainsErrorRecordException
//       + FullyQualifiedErrorId : UnauthorizedAccess
// AppLocker or WDAC run a script they do not allow in Constrained Language mode, which
// the script reports itself (a `blocked` frame); AppLocker can also refuse to start
// powershell.exe at all, which Node reports as a spawn error.
import { ZhengbanError } from '@zhengban/shared';

const HOW_TO_ALLOW = 'sign the script with the organisation\'s code-signing certificate or allow it in AppLocker/Group Policy (docs/windows-policy.md)';

/** The PC's policy did not let the inventory run; nothing of it was read. */
export class InventoryBlockedError extends ZhengbanError {
  constructor(readonly reason: 'language-mode' | 'execution-policy' | 'program-blocked', detail: string, cause?: unknown) {
    super('E_COLLECTION_BLOCKED', `collection blocked by policy: ${detail}; ${HOW_TO_ALLOW}`, cause === undefined ? undefined : { cause });
  }
}

export function blockedByLanguageMode(languageMode: string): InventoryBlockedError {
  return new InventoryBlockedError(
    'language-mode',
    `PowerShell ran the inventory script in ${languageMode} mode (AppLocker or WDAC application control does not allow it), so it read nothing`,
  );
}

const POLICY_REFUSAL = /FullyQualifiedErrorId\s*:\s*UnauthorizedAccess|PSSecurityException/i;

/** The execution policy's refusal to load the script, when that is what PowerShell printed. */
export function executionPolicyRefusal(stdout: string, stderr: string): InventoryBlockedError | undefined {
  const said = `${stderr}\n${stdout}`;
  if (!POLICY_REFUSAL.test(said)) return undefined;
  const first = said.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('+') && !l.startsWith('At '));
  const quoted = first ? ` ("${first.slice(0, 300)}")` : '';
  return new InventoryBlockedError(
    'execution-policy',
    `PowerShell's execution policy refused to load the inventory script${quoted}; a policy set by Group Policy (AllSigned, or RemoteSigned for a downloaded file) outranks -ExecutionPolicy Bypass`,
  );
}

// How libuv reports a program Windows would not start: AppLocker and Software
// Restriction Policies fail CreateProcess with an access error.
const SPAWN_REFUSED = new Set(['EACCES', 'EPERM', 'UNKNOWN']);

/** Windows refused to start PowerShell itself; `code` is the spawn error's code. */
export function programRefusal(program: string, code: unknown, cause: unknown): InventoryBlockedError | undefined {
  if (typeof code !== 'string' || !SPAWN_REFUSED.has(code)) return undefined;
  return new InventoryBlockedError(
    'program-blocked',
    `Windows refused to start ${program} (${code}); AppLocker or a Software Restriction Policy may block PowerShell for the agent's account`,
    cause,
  );
}
