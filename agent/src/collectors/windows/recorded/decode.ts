// Input: bytes of a file written by a Windows tool, e.g. `reg export` or `wmic … > x.wmi`:
//   FF FE 57 00 69 00 6E 00 …   ("Windows…" as UTF-16LE with a byte-order mark)
// or the same text as UTF-8 (with or without EF BB BF) after someone converted it.

/**
 * Text of a recorded file. Windows tools write UTF-16LE with a BOM; people who
 * copy files around convert them to UTF-8. Without a BOM, NUL bytes in the odd
 * positions of the first characters mean UTF-16LE (ASCII text never contains NUL).
 */
export function decodeText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return swapped(buf.subarray(2)).toString('utf16le');
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 4 && buf[0] !== 0 && buf[1] === 0 && buf[3] === 0) return buf.toString('utf16le');
  return buf.toString('utf8');
}

function swapped(buf: Buffer): Buffer {
  const out = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2)));
  return out.swap16();
}
