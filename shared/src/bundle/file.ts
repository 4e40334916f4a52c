import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline as streamPipeline } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type { BundleManifest } from './schema.js';

/** Where a line sits in the (plain) file: an importer reads lines again out of order. */
export interface LineRef {
  /** 1 for the manifest. */
  lineNo: number;
  offset: number;
  length: number;
}

const NL = 0x0a;

/** True when the file starts with gzip's magic bytes: bundles may be carried compressed. */
export async function isGzipFile(file: string): Promise<boolean> {
  const fd = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fd.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fd.close();
  }
}

export async function gunzipFile(file: string, out: string): Promise<void> {
  await pipeline(createReadStream(file), createGunzip(), createWriteStream(out, { mode: 0o600 }));
}

/**
 * Calls `fn` with every line of a file (without its '\n'; a last line without one
 * counts too), in order, as bytes: hashing a line must see the bytes written, not a
 * decoded copy. A gzipped file is read through gunzip; offsets are then those of the
 * plain text, and readLineAt needs the plain file.
 */
export async function forEachLine(file: string, fn: (line: Buffer, ref: LineRef) => void | Promise<void>): Promise<void> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  // pipeline (not pipe) so that a read error reaches the loop below instead of stalling it.
  const stream = (await isGzipFile(file)) ? streamPipeline(raw, createGunzip(), () => {}) : raw;
  let carry: Buffer[] = [];
  let carryLength = 0;
  let offset = 0;
  let lineNo = 0;
  const emit = async (line: Buffer) => {
    lineNo++;
    await fn(line, { lineNo, offset, length: line.length });
    offset += line.length + 1;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(NL); nl !== -1; nl = chunk.indexOf(NL, start)) {
      const piece = chunk.subarray(start, nl);
      const line = carryLength ? Buffer.concat([...carry, piece], carryLength + piece.length) : piece;
      carry = [];
      carryLength = 0;
      await emit(line);
      start = nl + 1;
    }
    if (start < chunk.length) {
      carry.push(chunk.subarray(start));
      carryLength += chunk.length - start;
    }
  }
  if (carryLength) await emit(Buffer.concat(carry, carryLength));
}

export async function readLineAt(fd: FileHandle, ref: LineRef): Promise<Buffer> {
  const buf = Buffer.alloc(ref.length);
  let read = 0;
  while (read < ref.length) {
    const { bytesRead } = await fd.read(buf, read, ref.length - read, ref.offset + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buf.subarray(0, read);
}

export interface BundleWriter {
  /** One entry line, without its '\n'; resolves when the stream can take more. */
  write(line: string | Buffer): Promise<void>;
  /** Flushes to the disk and renames into place. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is untouched. */
  abort(): Promise<void>;
}

/**
 * Writes a bundle whole or not at all: a temporary file beside the target, flushed to
 * the disk (removable media are pulled out early), then renamed. Gzipped when the name
 * ends in `.gz`. Lines are written as they come, so a merge holds none of them.
 */
export async function openBundleWriter(file: string, manifest: BundleManifest): Promise<BundleWriter> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);
  const out = createWriteStream(tmp, { mode: 0o600 });
  const gzip = file.endsWith('.gz') ? createGzip() : null;
  const sink: Writable = gzip ?? out;
  const done = gzip ? pipeline(gzip, out) : finished(out);
  // Keeps an early failure (a full disk) from being an unhandled rejection before commit or abort.
  done.catch(() => {});
  await once(out, 'open').catch(async (err: unknown) => {
    await rm(tmp, { force: true });
    throw err;
  });
  const put = async (chunk: string | Buffer) => {
    if (!sink.write(chunk)) await Promise.race([once(sink, 'drain'), done]);
  };
  await put(`${JSON.stringify(manifest)}\n`);
  return {
    async write(line) {
      await put(line);
      await put('\n');
    },
    async commit() {
      try {
        sink.end();
        await done;
        const fd = await open(tmp, 'r+');
        try {
          await fd.sync();
        } finally {
          await fd.close();
        }
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async abort() {
      sink.destroy();
      await done.catch(() => {});
      await rm(tmp, { force: true });
    },
  };
}

/** A bundle from lines at hand, written through openBundleWriter. */
export async function writeBundleFile(file: string, manifest: BundleManifest, lines: Iterable<string | Buffer>): Promise<void> {
  const writer = await openBundleWriter(file, manifest);
  try {
    for (const line of lines) await writer.write(line);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.commit();
}
