import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInventoryPath } from '../../../src/collectors/windows/inventory.frames.js';
import { repoRoot } from '../fixtures.js';
import { codeOnly } from './powershell-syntax.js';

/**
 * What the inventory script's structure promises, checked on its text (no PowerShell
 * runs on this CI): the policy gate comes first, every WMI query is bounded, every
 * part of the plan is run and has a place in the document, paths are taken literally.
 */
const text = readFileSync(resolve(repoRoot, 'agent/resources/windows/inventory.ps1'), 'utf8');
const code = await codeOnly(text);
const lineOf = (index: number) => code.slice(0, index).split('\n').length;

const plan = [...(/\$Plan = @\(([^)]*)\)/.exec(code)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
const SHARED = ['services', 'processes', 'tasks'];

describe('inventory.ps1', () => {
  it('is ASCII only: PowerShell 5.1 reads a script without a BOM in the ANSI code page, and a signature covers the bytes', () => {
    const bad = [...text.matchAll(/[^\x00-\x7f]/g)].map((m) => lineOf(m.index));
    expect(bad).toEqual([]);
  });

  it('checks the language mode before anything Constrained Language mode forbids', () => {
    const gate = code.indexOf('$ExecutionContext.SessionState.LanguageMode');
    const firstForbidden = code.search(/New-Object|\[(?:Console|IO\.|Diagnostics|Microsoft\.Win32|regex|Environment|Text\.)|Set-StrictMode/);
    expect(gate).toBeGreaterThan(0);
    expect(gate).toBeLessThan(firstForbidden);
    // The blocked branch prints with Write-Output and core types only, then exits.
    const branch = code.slice(gate, code.indexOf('exit 0', gate));
    expect(branch).not.toMatch(/New-Object|\[Console\]|\[IO\.|::/);
    expect(branch).toContain('"frame":"blocked"');
  });

  it('queries WMI only through Get-WqlRows, Get-ClassPropertyNames and Test-WmiNamespace, which are bounded', () => {
    const calls = [...code.matchAll(/Get-WmiObject|Get-CimInstance|Get-CimClass|Get-ScheduledTask\b|\[wmi(?:searcher|class)?\]/gi)];
    const inBoundedHelpers = (i: number) => {
      const fn = code.lastIndexOf('\nfunction ', i);
      return /^\nfunction (Get-WqlRows|Get-ClassPropertyNames)\b/.test(code.slice(fn, fn + 40));
    };
    expect(calls.filter((m) => !inBoundedHelpers(m.index)).map((m) => `${lineOf(m.index)}: ${m[0]}`)).toEqual([]);
    expect(code).toMatch(/-OperationTimeoutSec \$limit/);
    expect(code).toMatch(/\$searcher\.Options\.Timeout = \$span/);
  });

  it('runs every part of the plan exactly once, in the plan\'s order', () => {
    expect(plan.length).toBeGreaterThan(20);
    const runs = [...code.matchAll(/Invoke-(?:Part|DerivedPart|SharedQuery) '([^']+)'/g)].map((m) => m[1]);
    const unique = runs.filter((r, i) => runs.indexOf(r) === i);
    expect(unique).toEqual(plan);
  });

  it('gives every part but the shared queries a place in the agent\'s document schema', () => {
    expect(plan.filter((p) => !SHARED.includes(p) && !isInventoryPath(p))).toEqual([]);
    expect(SHARED.every((p) => plan.includes(p) && !isInventoryPath(p))).toBe(true);
  });

  it('takes paths literally and never through a PowerShell drive', () => {
    const wildcard = [...code.matchAll(/\b(Get-ChildItem|Get-Item|Test-Path|Remove-Item|Get-Content)\b(?![^\n]*-LiteralPath)/gi)];
    expect(wildcard.map((m) => `${lineOf(m.index)}: ${m[0]}`)).toEqual([]);
    expect([...code.matchAll(/Join-Path/gi)].map((m) => lineOf(m.index))).toEqual([]);
  });

  it('never matches a character class case-insensitively (-match folds K, the Kelvin sign, to k)', () => {
    expect([...code.matchAll(/-(?:not)?match\s+'\[\^?\\x/gi)].map((m) => lineOf(m.index))).toEqual([]);
  });

  it('unloads every hive it loads, also when a part throws', () => {
    const main = code.slice(code.indexOf('Write-Frame $begin'));
    expect(main).toMatch(/\} finally \{\s*Dismount-UserHives/);
    expect(code).toMatch(/reg\.exe' \('load "HKU\\' \+ \$mount/);
  });
});
