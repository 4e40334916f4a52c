import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { InvalidJsonError, SchemaValidationError } from './errors.js';

/** Checks `value` against `schema`; throws SchemaValidationError naming the first problems. */
export function assertValid<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (Value.Check(schema, value)) return value as Static<T>;
  const issues = [...Value.Errors(schema, value)]
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message}`);
  throw new SchemaValidationError(what, issues);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidJsonError(what, err);
  }
}
