import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { BadGzipError, PayloadTooLargeError, UnsupportedEncodingError } from './errors.js';

const gunzipAsync = promisify(gunzip);

/**
 * The bytes the agent signed: the body itself, or the body gunzipped. The cap on the
 * output stops a small gzip bomb from filling memory.
 */
export async function decodeBody(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return body;
  if (enc !== 'gzip' && enc !== 'x-gzip') throw new UnsupportedEncodingError(enc);
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PayloadTooLargeError(maxBytes, 'the decompressed snapshot');
    }
    throw new BadGzipError(err);
  }
}
