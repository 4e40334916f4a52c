// Input: what inventory.ps1 prints, one JSON object a line, e.g.
//   {"frame":"begin","format":1,"origin":"script","collectedAt":"2026-12-01T01:30:00Z","powershellVersion":"5.1.19041.5247","languageMode":"FullLanguage","deadlineSeconds":90,"plan":["profiles","software",…]}
//   {"frame":"part","path":"software","seconds":0.41,"value":[{"hive":"HKLM","keyName":"WPS Office",…}]}
//   {"frame":"error","source":"licensing.products","kind":"timeout","message":"WMI did not finish within 45 s: SELECT …"}
//   {"frame":"end","seconds":52.7}
// or, under Constrained Language mode, the single line
//   {"frame":"blocked","format":1,"origin":"script","languageMode":"ConstrainedLanguage","powershellVersion":"5.1…","collectedAt":"…"}
// A recording made before the script printed frames is one JSON document; it is read as is.
import { assertValid, parseJson } from '@zhengban/shared';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { INVENTORY_FORMAT, WindowsInventory, type InventoryError } from './inventory.schema.js';

/** How the output ended, when the caller knows: PowerShell was stopped after this long. */
export interface FrameContext {
  stoppedAfterMs?: number;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The inventory document the frames make. Each part is checked against its own place
 * in the schema, and an array part item by item, so one odd value costs that value
 * (an error names it), not the scan. A part of the plan that never came, and has no
 * error of its own, is `stopped`: the output ended before it. Throws (InvalidJson or
 * SchemaValidation) only when there is no `begin` frame to build on.
 */
export function inventoryFromFrames(text: string, ctx: FrameContext = {}): WindowsInventory {
  const all = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const start = all.findIndex((l) => {
    const f = tryParse(l);
    return isObject(f) && (f.frame === 'begin' || f.frame === 'blocked');
  });
  if (start < 0) {
    // One document (a recording from before frames), or nothing usable: parseJson and
    // the schema say precisely what is wrong.
    return assertValid(WindowsInventory, parseJson(all.join('\n'), 'inventory.ps1 output'), 'Windows inventory');
  }
  const first = tryParse(all[start]!) as Json;
  const lines = all.slice(start);
  const doc: Json = {
    format: INVENTORY_FORMAT,
    origin: 'script',
    collectedAt: typeof first.collectedAt === 'string' && first.collectedAt ? first.collectedAt : null,
    powershellVersion: typeof first.powershellVersion === 'string' && first.powershellVersion ? first.powershellVersion : null,
    languageMode: typeof first.languageMode === 'string' ? first.languageMode : null,
    errors: [],
  };
  if (first.frame === 'blocked') {
    doc.blocked = { languageMode: String(first.languageMode ?? 'unknown') };
    return assertValid(WindowsInventory, doc, 'Windows inventory');
  }
  if (typeof first.deadlineSeconds === 'number') doc.deadlineSeconds = first.deadlineSeconds;
  const errors = doc.errors as InventoryError[];
  for (const stray of all.slice(0, start)) errors.push({ source: 'inventory', kind: 'query', message: `a line that is not a frame: ${stray.slice(0, 200)}` });
  const timings: Record<string, number> = {};
  const seen = new Set<string>();
  let ended = false;

  lines.slice(1).forEach((line, i) => {
    const frame = tryParse(line);
    const last = i === lines.length - 2;
    if (!isObject(frame) || typeof frame.frame !== 'string') {
      // The last line of a stopped script may be cut in the middle; any other stray line is reported.
      if (!(last && ctx.stoppedAfterMs !== undefined)) errors.push({ source: 'inventory', kind: 'query', message: `a line that is not a frame: ${line.slice(0, 200)}` });
      return;
    }
    if (frame.frame === 'end') ended = true;
    else if (frame.frame === 'error') errors.push(errorOf(frame));
    else if (frame.frame === 'part' && typeof frame.path === 'string') {
      seen.add(frame.path);
      if (typeof frame.seconds === 'number') timings[frame.path] = frame.seconds;
      placePart(doc, frame.path, frame.value, errors);
    }
  });

  for (const e of errors) seen.add(e.source);
  if (!ended) {
    const plan = Array.isArray(first.plan) ? first.plan.filter((p): p is string => typeof p === 'string') : [];
    const why = ctx.stoppedAfterMs !== undefined
      ? `the agent stopped PowerShell after ${Math.round(ctx.stoppedAfterMs / 1000)} s, before this part was read`
      : 'the script\'s output ends before this part (PowerShell was stopped or failed)';
    for (const path of plan) if (!seen.has(path)) errors.push({ source: path, kind: 'stopped', message: `not collected: ${why}` });
  }
  if (Object.keys(timings).length) doc.timings = timings;
  return assertValid(WindowsInventory, doc, 'Windows inventory');
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // the caller decides whether a line that is not JSON is an error
  }
}

const KINDS = new Set(['query', 'timeout', 'deadline', 'stopped']);

function errorOf(frame: Json): InventoryError {
  const kind = typeof frame.kind === 'string' && KINDS.has(frame.kind) ? (frame.kind as InventoryError['kind']) : 'query';
  return {
    source: typeof frame.source === 'string' && frame.source ? frame.source : 'inventory',
    message: typeof frame.message === 'string' && frame.message ? frame.message : 'failed',
    kind,
  };
}

/**
 * Puts a part's value at its path (`software`, `licensing.products`). A null value is
 * a part that ran and found nothing, or a shared query (`services`) whose rows other
 * parts carry: nothing to place.
 */
function placePart(doc: Json, path: string, value: unknown, errors: InventoryError[]): void {
  if (value === null || value === undefined) return;
  const keys = path.split('.');
  const schema = schemaAt(keys);
  if (!schema) {
    errors.push({ source: path, kind: 'query', message: 'a part this agent does not know; its value was left out' });
    return;
  }
  let target = doc;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(target[key])) target[key] = {};
    target = target[key] as Json;
  }
  const kept = checked(schema, value, path, errors);
  if (kept !== undefined) target[keys.at(-1)!] = kept;
}

/** Whether a part's path has a place in the document (`services` and the other shared queries have none). */
export function isInventoryPath(path: string): boolean {
  return schemaAt(path.split('.')) !== undefined;
}

/** The schema of a path inside WindowsInventory; only own properties, so `__proto__` finds nothing. */
function schemaAt(keys: string[]): TSchema | undefined {
  let schema: TSchema | undefined = WindowsInventory;
  for (const key of keys) {
    const object: { properties: Record<string, TSchema> } | undefined = schema && objectOf(schema);
    if (!object || !Object.hasOwn(object.properties, key)) return undefined;
    schema = object.properties[key];
  }
  return schema;
}

function objectOf(schema: TSchema): { properties: Record<string, TSchema> } | undefined {
  const s = schema as { type?: string; properties?: Record<string, TSchema>; anyOf?: TSchema[] };
  if (s.type === 'object' && s.properties) return { properties: s.properties };
  for (const member of s.anyOf ?? []) {
    const found = objectOf(member);
    if (found) return found;
  }
  return undefined;
}

function arrayItems(schema: TSchema): TSchema | undefined {
  const s = schema as { type?: string; items?: TSchema; anyOf?: TSchema[] };
  if (s.type === 'array') return s.items;
  for (const member of s.anyOf ?? []) {
    const found = arrayItems(member);
    if (found) return found;
  }
  return undefined;
}

/** The value when valid; for an array the valid items, each invalid one named in an error. */
function checked(schema: TSchema, value: unknown, path: string, errors: InventoryError[]): unknown {
  if (Value.Check(schema, value)) return value;
  const items = arrayItems(schema);
  const list: unknown = value; // Check's type guard would narrow `value` to never here
  if (items && Array.isArray(list)) {
    return list.filter((item: unknown, i: number) => {
      if (Value.Check(items, item)) return true;
      errors.push({ source: path, kind: 'query', message: `item ${i} left out: ${firstProblem(items, item)}` });
      return false;
    });
  }
  errors.push({ source: path, kind: 'query', message: `value left out: ${firstProblem(schema, value)}` });
  return undefined;
}

function firstProblem(schema: TSchema, value: unknown): string {
  const [e] = Value.Errors(schema, value);
  return e ? `${e.instancePath || '/'} ${e.message}` : 'not valid';
}
