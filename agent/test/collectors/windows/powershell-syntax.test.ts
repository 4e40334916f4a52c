import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures.js';
import { bannedConstructs, codeOnly, formatProblems, syntaxProblems } from './powershell-syntax.js';

const SCRIPTS = ['agent/resources/windows/inventory.ps1', 'scripts/record-windows-fixture.ps1'];

describe.each(SCRIPTS)('%s', (file) => {
  const text = readFileSync(resolve(repoRoot, file), 'utf8');

  it('parses without ERROR or MISSING nodes', async () => {
    const problems = await syntaxProblems(text);
    expect(formatProblems(file, problems)).toBe('');
  });

  it('uses nothing banned (Win32_Product, unfiltered licensing queries, PowerShell 3+ syntax)', async () => {
    const problems = await bannedConstructs(text);
    expect(formatProblems(file, problems)).toBe('');
  });
});

describe('the PowerShell checks can fail', () => {
  it('reports an unclosed block with its line', async () => {
    const problems = await syntaxProblems('$a = 1\nfunction F {\n  if ($a) { "x"\n}\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.line >= 2)).toBe(true);
  });

  it('reports an unclosed array and a stray operator', async () => {
    expect(await syntaxProblems('$a = @(1, 2\n')).not.toEqual([]);
    expect(await syntaxProblems('$a = 1 +* 2\n')).not.toEqual([]);
  });

  it('accepts PowerShell 2 idioms the inventory script relies on', async () => {
    const ok = [
      "function F([string]$N) { return ,(New-Object System.Collections.ArrayList) }",
      "try { $x = 1 } catch [System.Security.SecurityException] { $x = 2 }",
      "foreach ($c in 'ab'.ToCharArray()) { [void]$sb.Append('\\u').Append(([int]$c).ToString('x4')) }",
    ].join('\n');
    expect(await syntaxProblems(ok)).toEqual([]);
  });

  it('flags every banned construct in code but not in comments', async () => {
    const bad = [
      'Get-WmiObject Win32_Product',
      '$o = [ordered]@{ a = 1 } | ConvertTo-Json',
      '$l = [System.Collections.ArrayList]::new()',
      'if ($a -in $b) { }',
      'Get-WmiObject -Query "SELECT Name FROM SoftwareLicensingProduct"',
      'Get-WmiObject -Class SoftwareLicensingProduct',
      '# Win32_Product and ConvertTo-Json in a comment are fine',
      'Get-WmiObject -Query "SELECT ID FROM SoftwareLicensingProduct WHERE PartialProductKey IS NOT NULL"',
    ].join('\n');
    const lines = (await bannedConstructs(bad)).map((p) => p.line).sort((a, b) => a - b);
    expect(new Set(lines)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(lines.filter((l) => l === 2)).toHaveLength(2);
  });

  it('blanks comments without moving positions', async () => {
    const text = '$a = 1 # 中文 note\n<# block\n#>\n$b = 2';
    const code = await codeOnly(text);
    expect([...code]).toHaveLength([...text].length);
    expect(code).toContain('$b = 2');
    expect(code).not.toContain('note');
  });
});
