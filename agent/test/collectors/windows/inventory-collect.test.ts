import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExecFailedError, ExecTimeoutError, type RunOptions } from '../../../src/exec/run.js';
import {
  DEFAULT_INVENTORY_TIMEOUT_MS, collectWindowsInventory, defaultPowerShell, findInventoryScript, parseInventoryOutput,
} from '../../../src/collectors/windows/inventory.collect.js';
import { collectWindows } from '../../../src/collectors/windows/collect.js';
import { repoRoot } from '../fixtures.js';

const shipped = resolve(repoRoot, 'agent/resources/windows/inventory.ps1');
// What inventory.ps1 prints: ASCII only, Chinese as \uXXXX.
const doc = String.raw`{"format":1,"origin":"script","collectedAt":"2025-01-02T03:04:05Z","powershellVersion":"2.0","timings":{"os":0.05},"errors":[{"source":"antivirus.defender","message":"Invalid namespace"}],"os":{"Caption":"Microsoft Windows 7 \u65d7\u8230\u7248","BuildNumber":"7601"},"wps":[{"scope":"machine","userSid":null,"InstallRoot":"C:\\Program Files (x86)\\WPS Office","serialPresent":false,"serialEvidence":null}]}`;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'zb-win-'));
}

/** A stand-in for powershell.exe: a node script that runs `node -e <body>` semantics on -File's argument. */
function fakePowerShell(body: string): string {
  const file = join(tmp(), 'powershell');
  writeFileSync(file, `#!${process.execPath}\nconst script = process.argv[process.argv.indexOf('-File') + 1];\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('findInventoryScript', () => {
  it('finds the shipped script from the source, dist and bundle locations', () => {
    for (const from of ['agent/src/collectors/windows/x.ts', 'agent/dist/collectors/windows/x.js', 'agent/bundle/zhengban-agent.mjs', 'agent/bundle/chunks/scan-abc.mjs']) {
      expect(findInventoryScript(pathToFileURL(resolve(repoRoot, from)).href)).toBe(shipped);
    }
  });

  it('throws E_INVENTORY_SCRIPT_MISSING outside the agent package', () => {
    expect(() => findInventoryScript(pathToFileURL(join(tmp(), 'x.mjs')).href)).toThrow(expect.objectContaining({ code: 'E_INVENTORY_SCRIPT_MISSING' }));
  });
});

describe('defaultPowerShell', () => {
  const root = 'C:\\Windows';
  it('prefers Sysnative (a 32-bit agent on 64-bit Windows), then System32, then PATH', () => {
    expect(defaultPowerShell(root, () => true)).toBe('C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(defaultPowerShell(root, (p) => p.includes('System32'))).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(defaultPowerShell(undefined)).toBe('powershell.exe');
  });
});

describe('collectWindowsInventory', () => {
  it('runs the script with the fixed arguments and the 120 s limit, and validates the output', async () => {
    const calls: { file: string; args: readonly string[]; options?: RunOptions }[] = [];
    const inv = await collectWindowsInventory({
      powershell: 'powershell.exe',
      run: async (file, args, options) => {
        calls.push({ file, args, options });
        return { stdout: `\uFEFF${doc}\r\n`, stderr: '', exitCode: 0 };
      },
    });
    expect(calls).toEqual([{
      file: 'powershell.exe',
      args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', shipped],
      options: { timeoutMs: DEFAULT_INVENTORY_TIMEOUT_MS },
    }]);
    expect(inv.os?.Caption).toBe('Microsoft Windows 7 旗舰版');
    expect(inv.errors).toHaveLength(1);
  });

  it('reads the output of a real child process (a fake powershell) through the exec runner', async () => {
    const script = join(tmp(), 'inventory.json');
    writeFileSync(script, doc);
    const powershell = fakePowerShell(`process.stdout.write(require('fs').readFileSync(script, 'utf8'));`);
    const inv = await collectWindowsInventory({ powershell, scriptPath: script });
    expect(inv.wps?.[0]?.InstallRoot).toBe('C:\\Program Files (x86)\\WPS Office');
  });

  it('throws E_POWERSHELL_MISSING when PowerShell is not installed', async () => {
    const err = await collectWindowsInventory({ powershell: 'zhengban-no-powershell' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_POWERSHELL_MISSING' });
  });

  it('throws E_INVENTORY_TIMEOUT when the script runs past the limit', async () => {
    const powershell = fakePowerShell('setTimeout(() => {}, 10000);');
    const err = await collectWindowsInventory({ powershell, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_INVENTORY_TIMEOUT' });
    expect((err as Error).cause).toBeInstanceOf(ExecTimeoutError);
  });

  it('throws E_INVENTORY_FAILED when PowerShell itself fails', async () => {
    const powershell = fakePowerShell(`console.error('File cannot be loaded because running scripts is disabled'); process.exit(1);`);
    const err = await collectWindowsInventory({ powershell }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_INVENTORY_FAILED' });
    expect((err as Error).cause).toBeInstanceOf(ExecFailedError);
    expect((err as Error).message).toContain('running scripts is disabled');
  });

  // As Windows PowerShell 5.1 prints a refusal under a Group Policy AllSigned (English),
  // and as a Chinese Windows prints it (the last two lines are never translated).
  const REFUSED_EN = [
    'File C:\\Program Files\\zhengban\\agent\\resources\\windows\\inventory.ps1 cannot be loaded. The file C:\\Program Files\\zhengban\\agent\\resources\\windows\\inventory.ps1 is not digitally signed. You cannot run this script on the current system.',
    '    + CategoryInfo          : SecurityError: (:) [], ParentContainsErrorRecordException',
    '    + FullyQualifiedErrorId : UnauthorizedAccess',
  ].join('\r\n');
  const REFUSED_ZH = [
    '无法加载文件 C:\\Program Files\\zhengban\\agent\\resources\\windows\\inventory.ps1。未对文件 C:\\Program Files\\zhengban\\agent\\resources\\windows\\inventory.ps1 进行数字签名。无法在当前系统上运行该脚本。',
    '    + CategoryInfo          : SecurityError: (:) []，ParentContainsErrorRecordException',
    '    + FullyQualifiedErrorId : UnauthorizedAccess',
  ].join('\r\n');

  it('says E_COLLECTION_BLOCKED when the execution policy refuses the script (PowerShell exits 1)', async () => {
    const powershell = fakePowerShell(`process.stderr.write(${JSON.stringify(REFUSED_EN)}); process.exit(1);`);
    const err = await collectWindowsInventory({ powershell }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_COLLECTION_BLOCKED', reason: 'execution-policy' });
    expect((err as Error).message).toMatch(/^collection blocked by policy: PowerShell's execution policy refused to load the inventory script \("File C:.*is not digitally signed/);
    expect((err as Error).message).toMatch(/outranks -ExecutionPolicy Bypass; sign the script/);
  });

  it('says E_COLLECTION_BLOCKED for a refusal on Chinese Windows with exit code 0 and nothing on stdout', async () => {
    const err = await collectWindowsInventory({ run: async () => ({ stdout: '', stderr: REFUSED_ZH, exitCode: 0 }) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_COLLECTION_BLOCKED' });
    expect((err as Error).message).toContain('("无法加载文件 C:');
  });

  it('says E_COLLECTION_BLOCKED when the script reports Constrained Language mode', async () => {
    const stdout = '{"frame":"blocked","format":1,"origin":"script","languageMode":"ConstrainedLanguage","powershellVersion":"5.1.19041.5247","collectedAt":"2026-12-01T01:30:00Z"}\r\n';
    const err = await collectWindowsInventory({ run: async () => ({ stdout, stderr: '', exitCode: 0 }) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_COLLECTION_BLOCKED', reason: 'language-mode' });
    expect((err as Error).message).toMatch(/in ConstrainedLanguage mode \(AppLocker or WDAC/);
  });

  it('says E_COLLECTION_BLOCKED when Windows refuses to start powershell.exe, and E_INVENTORY_FAILED for other spawn errors', async () => {
    const spawnError = (code: string) => async () => {
      throw new ExecFailedError('powershell.exe', null, '', code, Object.assign(new Error(`spawn powershell.exe ${code}`), { code }));
    };
    const blocked = await collectWindowsInventory({ run: spawnError('UNKNOWN') }).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ code: 'E_COLLECTION_BLOCKED', reason: 'program-blocked' });
    expect((blocked as Error).message).toMatch(/Windows refused to start .*powershell\.exe \(UNKNOWN\); AppLocker/);
    const other = await collectWindowsInventory({ run: spawnError('EMFILE') }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'E_INVENTORY_FAILED' });
  });

  it('keeps what a stopped script printed: its parts, and the unread ones as `stopped`', async () => {
    const frames = [
      { frame: 'begin', format: 1, origin: 'script', collectedAt: '2026-12-01T01:30:00Z', powershellVersion: '5.1', languageMode: 'FullLanguage', deadlineSeconds: 90, plan: ['software', 'os', 'licensing.products'] },
      { frame: 'part', path: 'software', seconds: 0.2, value: [{ hive: 'HKLM', keyName: 'x', DisplayName: 'WPS Office' }] },
    ].map((f) => JSON.stringify(f)).join('\n');
    const powershell = fakePowerShell(`process.stdout.write(${JSON.stringify(frames + '\n')}); setTimeout(() => {}, 20000);`);
    const inv = await collectWindowsInventory({ powershell, timeoutMs: 1500 });
    expect(inv.software?.[0]?.DisplayName).toBe('WPS Office');
    expect(inv.errors.map((e) => [e.source, e.kind])).toEqual([['os', 'stopped'], ['licensing.products', 'stopped']]);
    expect(inv.errors[0]!.message).toBe('not collected: the agent stopped PowerShell after 2 s, before this part was read');
  });

  it('throws E_INVENTORY_SCRIPT_MISSING for an override path that does not exist', async () => {
    const err = await collectWindowsInventory({ scriptPath: join(tmp(), 'nope.ps1') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_INVENTORY_SCRIPT_MISSING' });
  });
});

describe('parseInventoryOutput', () => {
  it.each([
    ['not JSON', 'Get-WmiObject : Access denied'],
    ['truncated', doc.slice(0, 80)],
    ['empty', ''],
    ['wrong format', doc.replace('"format":1', '"format":2')],
    ['missing errors', doc.replace(/"errors":\[[^\]]*\],/, '')],
  ])('rejects %s output with E_INVENTORY_INVALID', (_name, stdout) => {
    expect(() => parseInventoryOutput(stdout)).toThrow(expect.objectContaining({ code: 'E_INVENTORY_INVALID' }));
  });
});

describe('collectWindows', () => {
  const host = { hostname: 'CZJ-PC-0301', kernel: '10.0.19045', arch: 'x86_64', cpuCores: 4, memoryBytes: 8 * 1024 ** 3, macAddresses: [] };

  it('a scan refused by policy still arrives: what systeminformation tells, the refusal as E_COLLECTION_BLOCKED, nothing called unsupported', async () => {
    const stdout = '{"frame":"blocked","format":1,"origin":"script","languageMode":"ConstrainedLanguage","powershellVersion":"5.1","collectedAt":""}\n';
    const parts = await collectWindows(host, undefined, { scriptPath: shipped, run: async () => ({ stdout, stderr: '', exitCode: 0 }) });
    expect(parts.collectionErrors[0]).toMatchObject({ source: 'windows:inventory', code: 'E_COLLECTION_BLOCKED' });
    expect(parts.collectionErrors.map((e) => e.code)).not.toContain('E_PLATFORM_UNSUPPORTED');
    expect(parts.os.activation).toEqual({ state: 'unknown', source: 'agent', reason: 'not read: the Windows inventory did not run (E_COLLECTION_BLOCKED)' });
    expect(parts.office).toEqual([]);
    expect(parts.machine.hostname).toBeTruthy();
  });
});
