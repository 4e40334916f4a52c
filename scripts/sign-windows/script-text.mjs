// The text side of signing a PowerShell script: what may be signed, the exact bytes
// handed to osslsigncode, and the check that its output is those bytes plus a signature
// block and nothing else.
//
// A signed script ends like this (osslsigncode and Set-AuthenticodeSignature alike):
//
//   ...last line of the script<CR><LF>
//   <CR><LF>
//   # SIG # Begin signature block<CR><LF>
//   # MIIXxQYJKoZIhvcNAQcCoIIXtjCCF7ICAQExDzANBglghkgBZQMEAgEFADB5Bgor<CR><LF>
//   ...
//   # SIG # End signature block<CR><LF>
//
// osslsigncode 2.9 copies the script bytes unchanged (script.c hashes them as UTF-16LE
// and writes each block line as CRLF + "# " + 64 base64 characters), so a script with
// LF line endings comes out mixed: LF above the block, CRLF in it. Whether Windows
// accepts that is reported both ways (HashMismatch in chocolatey/choco#1203 and
// basecamp/basecamp-cli#597; "any line endings, byte for byte" in
// PowerShell/PowerShell#25246). A script that is CRLF throughout verifies under either
// reading, and CRLF is what a script has on Windows anyway, so the signed copy gets CRLF
// line endings here, before signing; nothing else in the text changes.

export const SCRIPT_EXTENSIONS = new Set(['.ps1', '.psm1', '.psd1']);
export const BEGIN = '# SIG # Begin signature block';
export const END = '# SIG # End signature block';

/** A block at the start of a line, with the line break before it that signing added. */
const EXISTING_BLOCK = new RegExp(`(?:\\r?\\n)?^${escape(BEGIN)}\\r?$`, 'm');

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the first byte above 0x7F is, or null when every byte is ASCII. Windows
 * PowerShell 5.1 reads a script without a byte-order mark in the PC's ANSI code page
 * (936 on a Chinese PC, 1252 on an English one) while osslsigncode hashes it as UTF-8,
 * so any non-ASCII byte can make the signature fail on some PCs.
 */
export function firstNonAscii(bytes) {
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at < 0) return null;
  const before = bytes.subarray(0, at);
  const line = before.filter((b) => b === 0x0a).length + 1;
  const column = at - before.lastIndexOf(0x0a);
  return { line, column, byte: bytes[at] };
}

/** The script without any signature block, and whether it had one. */
export function unsignedText(text) {
  const match = EXISTING_BLOCK.exec(text);
  return match ? { body: text.slice(0, match.index), signed: true } : { body: text, signed: false };
}

export function withCrlf(text) {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Null when `signed` is `body` followed by one well-formed signature block, or else what
 * is wrong with it.
 */
export function signedTextProblem(signed, body) {
  if (firstNonAscii(signed)) return 'the signed file is not ASCII';
  const text = signed.toString('latin1');
  if (!text.startsWith(body)) return 'the text above the signature block differs from the script';
  const block = text.slice(body.length);
  if (!block.startsWith(`\r\n${BEGIN}\r\n`)) return `the script is not followed by "${BEGIN}"`;
  if (!block.endsWith(`${END}\r\n`)) return `the file does not end with "${END}"`;
  const lines = block.slice(2, -2).split('\r\n');
  const inner = lines.slice(1, -1);
  if (inner.length === 0 || !inner.every((l) => /^# [A-Za-z0-9+/=]{1,64}$/.test(l))) {
    return 'the signature block has lines that are not base64 comments';
  }
  return null;
}
