import { ZhengbanError, type CollectionError } from '@zhengban/shared';
import { clip } from './text.js';

/** Turns whatever a collector threw into the snapshot's error entry; codes come from ZhengbanError. */
export function collectionError(source: string, err: unknown): CollectionError {
  const code = err instanceof ZhengbanError ? err.code : 'E_INTERNAL';
  const message = err instanceof Error ? err.message : String(err);
  return { source: clip(source, 100), code: clip(code, 100), message: clip(message || code, 2000) };
}
