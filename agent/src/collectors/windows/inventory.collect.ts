import { existsSync } from 'node:fs';
import { dirname, join, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZhengbanError } from '@zhengban/shared';
import { ExecFailedError, ExecNotFoundError, ExecTimeoutError, run, type RunOptions, type RunResult } from '../../exec/run.js';
import { blockedByLanguageMode, executionPolicyRefusal, programRefusal } from './inventory.blocked.js';
import { inventoryFromFrames } from './inventory.frames.js';
import type { WindowsInventory } from './inventory.schema.js';

/**
 * Runs the shipped resources/windows/inventory.ps1 once and returns its document,
 * assembled from the frames it prints and validated. The script does all the Windows
 * querying (one PowerShell start instead of dozens); the parsers turn the raw document
 * into snapshot facts. A policy that refuses the script is E_COLLECTION_BLOCKED; a
 * script stopped at the time limit still gives what it had printed.
 */

export const SCRIPT_RELATIVE_PATH = join('resources', 'windows', 'inventory.ps1');
/** The script stops itself at 90 s (its own deadline); this is the backstop for a PowerShell that hangs. */
export const DEFAULT_INVENTORY_TIMEOUT_MS = 120_000;

export type Runner = (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

export interface CollectWindowsInventoryOptions {
  /** The inventory script; default: found upwards from this module (dist or bundle). */
  scriptPath?: string;
  /** The PowerShell program; default: the 64-bit Windows PowerShell under SystemRoot. */
  powershell?: string;
  /** %SystemRoot%, passed in by the caller (cli.ts reads the environment). */
  systemRoot?: string;
  timeoutMs?: number;
  run?: Runner;
}

export class PowerShellMissingError extends ZhengbanError {
  constructor(readonly file: string, cause: unknown) {
    super('E_POWERSHELL_MISSING', `PowerShell was not found (${file})`, { cause });
  }
}

export class InventoryScriptMissingError extends ZhengbanError {
  constructor(readonly searched: string) {
    super('E_INVENTORY_SCRIPT_MISSING', `${SCRIPT_RELATIVE_PATH} was not found (searched from ${searched})`);
  }
}

export class InventoryTimeoutError extends ZhengbanError {
  constructor(readonly timeoutMs: number, cause: unknown) {
    super('E_INVENTORY_TIMEOUT', `the Windows inventory script did not finish within ${timeoutMs} ms`, { cause });
  }
}

export class InventoryFailedError extends ZhengbanError {
  constructor(cause: unknown) {
    super('E_INVENTORY_FAILED', `the Windows inventory script failed: ${(cause as Error).message}`, { cause });
  }
}

/** The script printed something that is not a WindowsInventory document. */
export class InventoryInvalidError extends ZhengbanError {
  constructor(cause: unknown) {
    super('E_INVENTORY_INVALID', `the Windows inventory output is not valid: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The agent package folder holding the script: agent/dist/collectors/windows/…,
 * agent/bundle/zhengban-agent.mjs and agent/bundle/chunks/… all sit below it.
 */
export function findInventoryScript(fromUrl: string = import.meta.url): string {
  const start = dirname(fileURLToPath(fromUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, SCRIPT_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new InventoryScriptMissingError(start);
  }
}

/**
 * A 32-bit agent on 64-bit Windows would start the 32-bit PowerShell and see the
 * redirected registry and System32; Sysnative exists only for such processes.
 */
export function defaultPowerShell(systemRoot: string | undefined, exists: (p: string) => boolean = existsSync): string {
  if (systemRoot) {
    for (const dir of ['Sysnative', 'System32']) {
      const candidate = win32.join(systemRoot, dir, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
      if (exists(candidate)) return candidate;
    }
  }
  return 'powershell.exe';
}

export function powershellArgs(scriptPath: string): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', scriptPath];
}

export async function collectWindowsInventory(options: CollectWindowsInventoryOptions = {}): Promise<WindowsInventory> {
  const scriptPath = options.scriptPath ?? findInventoryScript();
  if (!existsSync(scriptPath)) throw new InventoryScriptMissingError(scriptPath);
  const powershell = options.powershell ?? defaultPowerShell(options.systemRoot);
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVENTORY_TIMEOUT_MS;
  const runner = options.run ?? run;

  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await runner(powershell, powershellArgs(scriptPath), { timeoutMs }));
  } catch (err) {
    if (err instanceof ExecNotFoundError) throw new PowerShellMissingError(powershell, err);
    if (err instanceof ExecTimeoutError) return partialInventory(err, timeoutMs);
    if (err instanceof ExecFailedError) {
      const cause = err.cause as { code?: unknown } | undefined;
      throw executionPolicyRefusal('', err.stderr) ?? programRefusal(powershell, cause?.code, err) ?? new InventoryFailedError(err);
    }
    throw new InventoryFailedError(err);
  }
  // PowerShell 2.0 exits 0 after refusing a script: the refusal is in what it printed.
  const refused = stdout.trim() === '' ? executionPolicyRefusal(stdout, stderr) : undefined;
  if (refused) throw refused;
  const inv = parseInventoryOutput(stdout);
  if (inv.blocked) throw blockedByLanguageMode(inv.blocked.languageMode);
  return inv;
}

/**
 * What the script printed before it was stopped; each part it had not printed yet is
 * an error of kind `stopped`. With nothing printed at all, the timeout is the error.
 */
function partialInventory(err: ExecTimeoutError, timeoutMs: number): WindowsInventory {
  if (!err.stdout.trim()) throw new InventoryTimeoutError(timeoutMs, err);
  try {
    return inventoryFromFrames(err.stdout, { stoppedAfterMs: timeoutMs });
  } catch {
    throw new InventoryTimeoutError(timeoutMs, err);
  }
}

/** The document the script printed, as frames or (an older recording) one document; a BOM or blank lines are tolerated. */
export function parseInventoryOutput(stdout: string): WindowsInventory {
  try {
    return inventoryFromFrames(stdout);
  } catch (err) {
    throw new InventoryInvalidError(err);
  }
}
