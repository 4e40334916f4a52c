import type { ErrorBody } from '@zhengban/shared';

// The one place the browser talks HTTP: the session cookie goes along by itself, writes
// carry the session's CSRF token, and a 4xx `{code, message}` becomes an ApiError whose
// message the page shows as the collector worded it.

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The session's token for writes (a page cannot read the HttpOnly cookie, and another site cannot read this). */
let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request is answered 401: the session ended (expired, or signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the set values only, so an empty filter is no filter. */
export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).code === 'string' && typeof (x as ErrorBody).message === 'string';
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function send(method: Method, url: string, headers: Record<string, string>, body?: string): Promise<Response> {
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(url, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body }) });
  } catch (err) {
    throw new ApiError(0, 'E_NETWORK', err instanceof Error ? err.message : String(err));
  }
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await send(method, `${API_BASE}${path}`, headers, body === undefined ? undefined : JSON.stringify(body));
  if (res.status === 204) return undefined as T;
  if (!res.ok) throw await failure(res, path);
  return parse(await res.text()) as T;
}

/** The API's own `{code, message}` when it sent one; a 401 also tells the listeners. */
async function failure(res: Response, path: string): Promise<ApiError> {
  if (res.status === 401 && !path.startsWith('/session')) for (const l of unauthorizedListeners) l();
  const data = parse(await res.text());
  if (isErrorBody(data)) return new ApiError(res.status, data.code, data.message);
  return new ApiError(res.status, 'E_HTTP', `${res.status} ${res.statusText}`);
}

/** A URL the browser opens itself (a report file): the cookie authenticates it. */
export function fileUrl(path: string, q: Query): string {
  return `${API_BASE}${path}${queryString(q)}`;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** `filename*=UTF-8''…` (Chinese names) before the plain `filename=` fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * A file the API makes (a report as CSV, XLSX, DOCX), fetched rather than navigated to,
 * so a refusal (a date before the first snapshot) is shown on the page as the API words it.
 */
export async function downloadFile(path: string, q: Query, fallbackName: string): Promise<DownloadedFile> {
  const res = await send('GET', fileUrl(path, q), {});
  if (!res.ok) throw await failure(res, path);
  return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition'), fallbackName) };
}
