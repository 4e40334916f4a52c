import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

/**
 * PowerShell checks for a Linux CI where no PowerShell runs: the tree-sitter grammar
 * finds syntax errors, and a scan of the code (comments blanked out) finds constructs
 * that are too new for PowerShell 2.0 or too costly for an office PC.
 */

export interface Problem {
  line: number;
  column: number;
  message: string;
}

let parser: Promise<Parser> | undefined;

function powershellParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
    const p = new Parser();
    p.setLanguage(await Language.load(wasm));
    return p;
  })();
  return parser;
}

async function parse(text: string): Promise<Node> {
  const tree = (await powershellParser()).parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree.rootNode;
}

/** Every ERROR and MISSING node, with 1-based line and column. */
export async function syntaxProblems(text: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      const what = node.isMissing ? `missing ${node.type}` : `cannot parse ${JSON.stringify(node.text.slice(0, 60))}`;
      problems.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: what });
      return;
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  visit(await parse(text));
  return problems;
}

/** The text with every comment replaced by spaces, so positions stay the same. */
export async function codeOnly(text: string): Promise<string> {
  const chars = [...text];
  const offsets = codeUnitToIndex(text);
  const visit = (node: Node): void => {
    if (node.type === 'comment') {
      for (let i = offsets[node.startIndex]!; i < offsets[node.endIndex]!; i++) if (chars[i] !== '\n') chars[i] = ' ';
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(await parse(text));
  return chars.join('');
}

// tree-sitter counts UTF-16 code units; map them to code-point indexes of [...text].
function codeUnitToIndex(text: string): number[] {
  const map: number[] = [];
  let index = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) map.push(index);
    index++;
  }
  map.push(index);
  return map;
}

const BANNED: { pattern: RegExp; why: string }[] = [
  { pattern: /\bWin32_Product\b/i, why: 'Win32_Product triggers MSI consistency checks and repairs' },
  { pattern: /\bConvertTo-Json\b|\bConvertFrom-Json\b/i, why: 'ConvertTo/From-Json need PowerShell 3' },
  { pattern: /\[ordered\]/i, why: '[ordered] needs PowerShell 3' },
  { pattern: /\[pscustomobject\]/i, why: '[pscustomobject] needs PowerShell 3' },
  { pattern: /::new\s*\(/i, why: '::new() needs PowerShell 5' },
  { pattern: /\s-(not)?in\s/i, why: '-in / -notin need PowerShell 3' },
  { pattern: /\.(Where|ForEach)\s*\(/, why: '.Where() / .ForEach() need PowerShell 4' },
  { pattern: /\$PSItem\b|\$PSCommandPath\b|\$PSScriptRoot\b/i, why: 'needs PowerShell 3 (in scripts)' },
  { pattern: /SELECT\s+\*\s+FROM\s+(SoftwareLicensingProduct|OfficeSoftwareProtectionProduct)/i, why: 'licensing rows need an explicit property list' },
];

const LICENSING_CLASS = /SoftwareLicensingProduct|OfficeSoftwareProtectionProduct/gi;
// After the class name: a WHERE keeping only keyed rows (wmic or WQL spelling).
const FILTERED = /^\s+where\s+[^\n]*PartialProductKey\s+is\s+not\s+null/i;
// The one sanctioned use without a query: naming the class to Get-LicensingRows,
// which appends the filtered FROM … WHERE text kept beside it.
const NAMED_TO_HELPER = /Get-LicensingRows\s+'$/;

/** Constructs the Windows scripts must not use; comments are ignored. */
export async function bannedConstructs(text: string): Promise<Problem[]> {
  const code = await codeOnly(text);
  const problems: Problem[] = [];
  const at = (index: number, message: string) => {
    const before = code.slice(0, index);
    const line = before.split('\n').length;
    problems.push({ line, column: index - before.lastIndexOf('\n'), message });
  };
  for (const { pattern, why } of BANNED) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of code.matchAll(global)) at(m.index, `${m[0].trim()}: ${why}`);
  }
  for (const m of code.matchAll(LICENSING_CLASS)) {
    const after = code.slice(m.index + m[0].length);
    const lineBefore = code.slice(code.lastIndexOf('\n', m.index) + 1, m.index);
    if (!FILTERED.test(after) && !NAMED_TO_HELPER.test(lineBefore)) {
      at(m.index, `${m[0]} without WHERE … PartialProductKey IS NOT NULL`);
    }
  }
  return problems;
}

export function formatProblems(file: string, problems: Problem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column} ${p.message}`).join('\n');
}
