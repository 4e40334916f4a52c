import { ZhengbanError } from '@zhengban/shared';

/** An error as it crosses from a worker thread: what the HTTP answer is made of. */
export interface SerializedError {
  code: string | null;
  message: string;
  status: number | undefined;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof ZhengbanError) return { code: err.code, message: err.message, status: err.status };
  return { code: null, message: err instanceof Error ? (err.stack ?? err.message) : String(err), status: undefined };
}

/** The error again on this side: a refusal keeps its code and status; anything else is a fault. */
export function deserializeError(e: SerializedError): Error {
  return e.code === null ? new Error(`snapshot intake worker: ${e.message}`) : new ZhengbanError(e.code, e.message, { status: e.status });
}
