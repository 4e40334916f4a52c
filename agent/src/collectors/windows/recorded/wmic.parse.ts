// Input: `wmic path SoftwareLicensingProduct get /format:list` text (decoded), e.g.
//   (two blank lines)
//   ApplicationID=0ff1ce15-a989-479d-af46-f275c6370663
//   Description=Office 16, VOLUME_KMSCLIENT channel
//   DiscoveredKeyManagementServiceMachineName=
//   LicenseIsAddon=FALSE
//   (blank lines between instances)
import type { TObject } from 'typebox';
import type { SkippedLine } from '../../text.js';

/** One instance: property name → value as printed; an empty value is null. */
export type WmicRecord = Record<string, string | null>;

export interface WmicList {
  records: WmicRecord[];
  skipped: SkippedLine[];
}

/** Blank-line separated blocks of Name=Value lines; values lose the padding wmic adds at their end. */
export function parseWmicList(text: string): WmicList {
  const out: WmicList = { records: [], skipped: [] };
  let current: WmicRecord | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      current = null;
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      out.skipped.push({ line: i + 1, text: line.slice(0, 200), why: 'expected Name=Value' });
      return;
    }
    if (!current) {
      current = {};
      out.records.push(current);
    }
    const value = line.slice(eq + 1).trimEnd();
    current[line.slice(0, eq).trim()] = value === '' ? null : value;
  });
  return out;
}

/** The property's JSON type in an inventory schema (`string`, `number`, `boolean`, `array`). */
function fieldType(schema: TObject, name: string): string | undefined {
  const prop = (schema.properties as Record<string, { type?: string; anyOf?: { type?: string }[] }>)[name];
  return prop?.type ?? prop?.anyOf?.[0]?.type;
}

/**
 * Picks the schema's properties out of a wmic record and converts them by the
 * schema's type: `TRUE`/`FALSE` to booleans, decimal text to numbers, `{3,10}` to
 * number arrays. Text that does not convert becomes null rather than a wrong value.
 */
export function fromWmic<T>(schema: TObject, rec: WmicRecord): T {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(schema.properties)) {
    if (!(name in rec)) continue;
    const v = rec[name] ?? null;
    switch (fieldType(schema, name)) {
      case 'number':
        out[name] = v !== null && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null;
        break;
      case 'boolean':
        out[name] = v === null ? null : /^true$/i.test(v) ? true : /^false$/i.test(v) ? false : null;
        break;
      case 'array':
        if (v !== null) out[name] = v.replace(/[{}]/g, '').split(',').map((s) => Number(s.trim())).filter(Number.isFinite);
        break;
      default:
        out[name] = v;
    }
  }
  return out as T;
}
