import { existsSync } from 'node:fs';
import { dirname, join, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZhengbanError, assertValid, parseJson } from '@zhengban/shared';
import { ExecNotFoundError, ExecTimeoutError, run, type RunOptions, type RunResult } from '../../exec/run.js';
import { WindowsInventory } from './inventory.schema.js';

/**
 * Runs the shipped resources/windows/inventory.ps1 once and returns its JSON document,
 * validated. The script does all the Windows querying (one PowerShell start instead of
 * dozens); the parsers turn the raw document into snapshot facts.
 */

export const SCRIPT_RELATIVE_PATH = join('resources', 'windows', 'inventory.ps1');
/** SoftwareLicensingProduct wakes the Software Protection service: 5–30 s cold, more on old disks. */
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
  try {
    ({ stdout } = await runner(powershell, powershellArgs(scriptPath), { timeoutMs }));
  } catch (err) {
    if (err instanceof ExecNotFoundError) throw new PowerShellMissingError(powershell, err);
    if (err instanceof ExecTimeoutError) throw new InventoryTimeoutError(timeoutMs, err);
    throw new InventoryFailedError(err);
  }
  return parseInventoryOutput(stdout);
}

/** The document the script printed; a BOM or blank lines around it are tolerated. */
export function parseInventoryOutput(stdout: string): WindowsInventory {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  try {
    return assertValid(WindowsInventory, parseJson(text, 'inventory.ps1 output'), 'Windows inventory');
  } catch (err) {
    throw new InventoryInvalidError(err);
  }
}
