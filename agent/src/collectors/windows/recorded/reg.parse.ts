// Input: `reg export` text (decoded), e.g.
//   Windows Registry Editor Version 5.00
//
//   [HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\CCleaner]
//   @=""
//   "DisplayName"="CCleaner (remove only)"
//   "UninstallString"="\"C:\\Program Files\\CCleaner\\uninst.exe\""
//   "VersionMajor"=dword:0000000b
//   "PackageRefs"=hex(7):41,00,63,00,00,00,\
//     00,00
import type { SkippedLine } from '../../text.js';

export type RegData = string | number | string[] | null;

export interface RegValue {
  /** '' for the default value (`@`). */
  name: string;
  /** `sz`, `dword`, `qword`, `expand_sz`, `multi_sz`, `binary`, `none` or `hex(N)` for other types. */
  type: string;
  /** Strings as text, dword/qword as numbers, binary as lower-case hex without separators. */
  data: RegData;
}

export interface RegKey {
  /** As written between the brackets, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\…`. */
  path: string;
  /** `[-HKEY_…]`: the export deletes this key. */
  deleted: boolean;
  values: RegValue[];
}

export interface RegFile {
  /** `Windows Registry Editor Version 5.00`, `REGEDIT4`, or null when missing. */
  header: string | null;
  keys: RegKey[];
  skipped: SkippedLine[];
}

const HEADERS = ['Windows Registry Editor Version 5.00', 'REGEDIT4'];
const CONTINUED = /\\\s*$/;
const HEX_VALUE = /^\s*(@|".*")=hex(\([0-9a-f]+\))?:/i;
const HEX_TYPES: Readonly<Record<string, string>> = {
  '': 'binary', '0': 'none', '1': 'sz', '2': 'expand_sz', '3': 'binary', '4': 'dword', '7': 'multi_sz', 'b': 'qword',
};

/** Parses a whole export; lines it cannot read are listed in `skipped`, never guessed. */
export function parseReg(text: string): RegFile {
  const out: RegFile = { header: null, keys: [], skipped: [] };
  const raw = text.split(/\r?\n/);
  let key: RegKey | null = null;
  for (let i = 0; i < raw.length; i++) {
    const no = i + 1;
    let line = raw[i]!;
    // A value spread over lines ends each but the last with a backslash (hex data).
    while (CONTINUED.test(line) && HEX_VALUE.test(line) && i + 1 < raw.length && raw[i + 1]!.trim() !== '') {
      line = line.replace(CONTINUED, '') + raw[++i]!.trim();
    }
    // A REG_SZ holding line breaks is written with the breaks as they are.
    while (openString(line) && i + 1 < raw.length) line += `\n${raw[++i]!}`;
    const trimmed = line.trim();
    if (openString(trimmed)) {
      out.skipped.push({ line: no, text: trimmed.slice(0, 200), why: 'file ends inside this value' });
      continue;
    }
    if (CONTINUED.test(trimmed) && HEX_VALUE.test(trimmed)) {
      out.skipped.push({ line: no, text: trimmed.slice(0, 200), why: 'file ends inside this value' });
      continue;
    }
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    if (out.header === null && out.keys.length === 0 && key === null && HEADERS.includes(trimmed)) {
      out.header = trimmed;
      continue;
    }
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      const inner = trimmed.slice(1, -1);
      const deleted = inner.startsWith('-');
      key = { path: deleted ? inner.slice(1) : inner, deleted, values: [] };
      out.keys.push(key);
      continue;
    }
    const why = !key ? 'value outside any [key]' : readValue(trimmed, key, out.header === 'REGEDIT4');
    if (why) out.skipped.push({ line: no, text: trimmed.slice(0, 200), why });
  }
  return out;
}

/** Adds the value on `line` to `key`; returns why it could not, or null. */
function readValue(line: string, key: RegKey, ansi: boolean): string | null {
  let name: string;
  let rest: string;
  if (line.startsWith('@=')) {
    name = '';
    rest = line.slice(2);
  } else if (line.startsWith('"')) {
    const q = readQuoted(line, 0);
    if (!q || line[q.end] !== '=') return 'unterminated value name';
    name = q.text;
    rest = line.slice(q.end + 1);
  } else {
    return 'not a [key] or "name"=value line';
  }
  if (rest === '-') {
    key.values = key.values.filter((v) => v.name !== name);
    return null;
  }
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0);
    if (!q || q.end !== rest.length) return 'unterminated string value';
    key.values.push({ name, type: 'sz', data: q.text });
    return null;
  }
  const dword = /^dword:([0-9a-f]{1,8})$/i.exec(rest);
  if (dword) {
    key.values.push({ name, type: 'dword', data: parseInt(dword[1]!, 16) });
    return null;
  }
  const hex = /^hex(?:\(([0-9a-f]+)\))?:([0-9a-f,\s]*)$/i.exec(rest);
  if (!hex) return 'unknown value data';
  const bytes = Buffer.from((hex[2] ?? '').split(',').map((b) => b.trim()).filter(Boolean).map((b) => parseInt(b, 16)));
  const typeCode = (hex[1] ?? '').toLowerCase().replace(/^0+(?=.)/, '');
  key.values.push({ name, ...decodeHex(HEX_TYPES[typeCode] ?? `hex(${typeCode})`, bytes, ansi) });
  return null;
}

function decodeHex(type: string, bytes: Buffer, ansi: boolean): { type: string; data: RegData } {
  const text = () => (ansi ? bytes.toString('latin1') : bytes.toString('utf16le'));
  switch (type) {
    case 'sz':
    case 'expand_sz':
      return { type, data: text().replace(/\0+$/, '') };
    case 'multi_sz':
      return { type, data: text().split('\0').filter((s) => s !== '') };
    case 'dword':
      return { type, data: bytes.length >= 4 ? bytes.readUInt32LE(0) : null };
    case 'qword': {
      const n = bytes.length >= 8 ? bytes.readBigUInt64LE(0) : null;
      return { type, data: n !== null && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : (n?.toString() ?? null) };
    }
    default:
      return { type, data: bytes.length ? bytes.toString('hex') : null };
  }
}

/** `"name"="text…` whose text has no closing quote yet. */
function openString(line: string): boolean {
  const t = line.trimStart();
  let rest: string;
  if (t.startsWith('@="')) rest = t.slice(2);
  else if (t.startsWith('"')) {
    const name = readQuoted(t, 0);
    if (!name || t.slice(name.end, name.end + 2) !== '="') return false;
    rest = t.slice(name.end + 1);
  } else return false;
  return readQuoted(rest, 0) === null;
}

/** A "…" string starting at `start` with \\ and \" escapes; end is the index after the closing quote. */
function readQuoted(s: string, start: number): { text: string; end: number } | null {
  let text = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      text += s[++i];
    } else if (c === '"') {
      return { text, end: i + 1 };
    } else {
      text += c;
    }
  }
  return null;
}
