// Runs osslsigncode (Debian package `osslsigncode`, 2.9 here) and turns its output into
// one line a person can act on. It prints "Succeeded" or "Failed" on stdout, details on
// both streams, and OpenSSL's error stack on stderr, e.g. for a key that is not the
// certificate's:
//
//   Failed to checking the consistency of a private key: other.key
//             with a public key in any X509 certificate: sign.pem
//   40401CC2CF7F0000:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:...
import { spawnSync } from 'node:child_process';

export class Refusal extends Error {}

const MISSING = 'osslsigncode is not installed (Debian/Ubuntu: apt-get install osslsigncode)';

export function requireOsslsigncode() {
  const r = spawnSync('osslsigncode', ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Refusal(r.error.code === 'ENOENT' ? MISSING : `osslsigncode cannot be run: ${r.error.message}`);
  return (r.stdout.match(/osslsigncode (\S+)/) ?? [])[1] ?? 'unknown version';
}

/**
 * One osslsigncode command. `password` goes to its stdin (`-readpass -` in `args`), so it
 * is on no command line and in no file (osslsigncode strips a trailing CR or LF from it).
 */
export function osslsigncode(args, password) {
  const r = spawnSync('osslsigncode', args, {
    encoding: 'utf8',
    input: password ?? '',
    timeout: 180_000, // a time-stamp server can be slow; osslsigncode retries none
    maxBuffer: 4 * 1024 * 1024,
  });
  if (r.error) throw new Refusal(r.error.code === 'ENOENT' ? MISSING : `osslsigncode failed to run: ${r.error.message}`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

const OPENSSL_STACK = /^[0-9A-F]{8,}:error:/;
const NOISE = /^(Failed|Succeeded|Script file format: .*|Signature position: \d+|PE checksum\s*:.*)$/;
const TELLING = /fail|error|unable|wrong|unsupported|rejected|no signature|not found|cannot|can't|mismatch|invalid|expired|revoked|-CRLfile/i;

/** What went wrong, in one line: osslsigncode's own telling lines, with a hint where one helps. */
export function reasonOf(result) {
  if (result.signal) return `osslsigncode was stopped (${result.signal})`;
  const lines = `${result.stderr}\n${result.stdout}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.endsWith(':') && !OPENSSL_STACK.test(l) && !NOISE.test(l));
  const telling = lines.filter((l) => TELLING.test(l));
  const text = (telling.length ? telling : lines).slice(0, 3).join('; ') || `exit status ${result.status}`;
  return text + hint(text);
}

function hint(text) {
  if (/PKCS7_verify error|certificate chain/i.test(text)) {
    return ' (the signing certificate does not lead to a root in the CA file: give the organisation\'s root and intermediates with --ca FILE)';
  }
  if (/-CRLfile/.test(text)) return ' (the CRL named in the certificate could not be fetched: give it with --crl FILE)';
  if (/PKCS#12|PKCS12|mac verify/i.test(text)) return ' (is --pass-env the PFX password?)';
  return '';
}
