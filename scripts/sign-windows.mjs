#!/usr/bin/env node
// Signs Windows files with the deploying organisation's code-signing certificate, using
// osslsigncode (no Windows machine needed): the agent's PowerShell script now, and the
// installers (PE, MSI) once they are built. Why and how it is deployed: docs/windows-policy.md.
//
//   node scripts/sign-windows.mjs (--pfx ORG.pfx | --cert CERT.pem --key KEY.pem) [--pass-env VAR]
//       [--ca ROOT.pem] [--crl CRL.pem] [--timestamp URL] [--tsa-ca FILE] [--name TEXT]
//       [--out DIR] [--resign] [FILE...]
//
// Where the signed file goes: with --out, a signed copy of each FILE goes into DIR under
// its own name (the packaging step signs into its staging folder); without --out, each
// FILE named is signed in place (for a staging tree). With no FILE the agent's
// agent/resources/windows/inventory.ps1 is signed, and only with --out: the checkout's
// copy is never rewritten. A file is written whole or not at all: osslsigncode writes a
// temporary file in the destination folder, which is verified and then renamed over
// the destination. Files signed before a refusal stay signed.
//
// The password of the key or PFX is read from the environment variable --pass-env names,
// removed from this process's environment, and handed to osslsigncode on its stdin.
// A script is signed with CRLF line endings and must be ASCII (why: sign-windows/script-text.mjs).
// Exit status: 0 all signed and verified; 1 refused (one line on stderr); 2 usage.
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Refusal, osslsigncode, reasonOf, requireOsslsigncode } from './sign-windows/osslsigncode.mjs';
import { SCRIPT_EXTENSIONS, firstNonAscii, signedTextProblem, unsignedText, withCrlf } from './sign-windows/script-text.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_FILE = join(root, 'agent', 'resources', 'windows', 'inventory.ps1');
const USAGE = `usage: node scripts/sign-windows.mjs (--pfx FILE | --cert FILE --key FILE) [--pass-env VAR]
  [--ca FILE] [--crl FILE] [--timestamp URL] [--tsa-ca FILE] [--name TEXT] [--out DIR] [--resign] [FILE...]`;

const OPTIONS = {
  pfx: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, 'pass-env': { type: 'string' },
  ca: { type: 'string' }, crl: { type: 'string' }, timestamp: { type: 'string' }, 'tsa-ca': { type: 'string' },
  name: { type: 'string', default: 'zhengban agent' }, out: { type: 'string' }, resign: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

function usage(message) {
  process.stderr.write(`sign-windows: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readable(what, file) {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Refusal(`cannot read the ${what} ${file}: ${e.code ?? e.message}`);
  }
}

/** PEM certificate and key: read, decrypted and matched here, for a plainer message than OpenSSL's. */
function checkPemPair(certFile, keyFile, password) {
  const pem = readable('certificate', certFile).toString('latin1');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  let certs;
  try {
    certs = blocks.length ? blocks.map((b) => new X509Certificate(b)) : [new X509Certificate(readFileSync(certFile))];
  } catch (e) {
    throw new Refusal(`cannot read the certificate ${certFile}: ${e.message}`);
  }
  let key;
  try {
    key = createPrivateKey({ key: readable('key', keyFile), ...(password === undefined ? {} : { passphrase: password }) });
  } catch (e) {
    const hint = password === undefined ? ' (encrypted? give its password with --pass-env VAR)' : ' (wrong password?)';
    throw new Refusal(`cannot read the key ${keyFile}: ${e.message}${hint}`);
  }
  if (!certs.some((c) => c.checkPrivateKey(key))) {
    throw new Refusal(`the key ${keyFile} does not belong to the certificate in ${certFile}`);
  }
}

/** The password, taken out of this process's environment so that no child inherits it. */
function takePassword(name) {
  if (name === undefined) return undefined;
  const password = process.env[name];
  if (password === undefined) throw new Refusal(`the environment variable ${name} is not set`);
  delete process.env[name];
  return password;
}

function credentials(v, password) {
  const pass = password === undefined ? [] : ['-readpass', '-'];
  if (v.pfx) {
    readable('PFX', v.pfx);
    return { args: ['-pkcs12', v.pfx, ...pass], password };
  }
  checkPemPair(v.cert, v.key, password);
  return { args: ['-certs', v.cert, '-key', v.key, ...pass], password };
}

function verifyArgs(v) {
  const args = [];
  if (v.ca) args.push('-CAfile', v.ca);
  if (v.crl) args.push('-CRLfile', v.crl);
  if (v['tsa-ca']) args.push('-TSA-CAfile', v['tsa-ca']);
  return args;
}

/** Signs `file` into `dest` through a temporary file beside `dest`; throws Refusal. */
function signOne(file, dest, v, creds) {
  const original = readable('file', file);
  const ext = extname(file).toLowerCase();
  const script = SCRIPT_EXTENSIONS.has(ext);
  const temp = (role) => join(dirname(dest), `.${basename(dest)}.${randomBytes(4).toString('hex')}.${role}${ext}`);
  const temps = [];
  try {
    let input = file;
    let body;
    if (script) {
      const bad = firstNonAscii(original);
      if (bad) {
        throw new Refusal(`${file} is not ASCII-only (byte 0x${bad.byte.toString(16)} at line ${bad.line}, column ${bad.column}); PowerShell 5.1 reads a script without a BOM in the PC's ANSI code page, so the signature would not hold on every PC`);
      }
      const existing = unsignedText(original.toString('latin1'));
      if (existing.signed && !v.resign) throw new Refusal(`${file} is already signed (--resign replaces the signature)`);
      body = withCrlf(existing.body);
      input = temp('unsigned');
      temps.push(input);
      writeFileSync(input, body, 'latin1');
    } else if (!v.resign) {
      const sig = join(tmpdir(), `zb-sig-${randomBytes(4).toString('hex')}.der`);
      const probe = osslsigncode(['extract-signature', '-in', file, '-out', sig]);
      rmSync(sig, { force: true });
      if (probe.ok) throw new Refusal(`${file} is already signed (--resign replaces the signature)`);
    }

    const output = temp('signing');
    temps.push(output);
    const ts = v.timestamp ? ['-ts', v.timestamp] : [];
    const signed = osslsigncode(['sign', ...creds.args, '-h', 'sha256', '-n', v.name, ...ts, '-in', input, '-out', output], creds.password);
    if (!signed.ok) throw new Refusal(`signing ${file} failed: ${reasonOf(signed)}`);

    const verified = osslsigncode(['verify', ...verifyArgs(v), '-in', output]);
    if (!verified.ok) throw new Refusal(`the signature osslsigncode made for ${file} does not verify: ${reasonOf(verified)}`);
    if (script) {
      const problem = signedTextProblem(readFileSync(output), body);
      if (problem) throw new Refusal(`the signed ${file} is not the script plus a signature block: ${problem}`);
    }
    chmodSync(output, statSync(file).mode & 0o777);
    renameSync(output, dest);
    temps.pop();
    const signer = (verified.stdout.match(/Signer #0:\s*\n\s*Subject: (.*)/) ?? [])[1] ?? 'unknown signer';
    return `signed ${dest} (${signer.trim()}${script ? ', CRLF line endings' : ''}), verified${v.ca ? ` against ${v.ca}` : ' against the system CA bundle'}`;
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

function main() {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (e) {
    usage(e.message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(`${USAGE}\nSee the comment at the top of scripts/sign-windows.mjs and docs/windows-policy.md.\n`);
    return;
  }
  if (Boolean(v.pfx) === Boolean(v.cert || v.key)) usage('give either --pfx, or --cert with --key');
  if (!v.pfx && !(v.cert && v.key)) usage('--cert and --key go together');
  if (positionals.length === 0 && !v.out) {
    usage(`the checkout's ${DEFAULT_FILE} is signed only into a staging folder: give --out DIR (or name a staged copy to sign it in place)`);
  }

  // `npm run sign:windows` starts in the repository root; paths are meant from where npm was run.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  for (const k of ['pfx', 'cert', 'key', 'ca', 'crl', 'tsa-ca', 'out']) if (v[k] !== undefined) v[k] = resolve(cwd, v[k]);
  const password = takePassword(v['pass-env']);
  requireOsslsigncode();
  for (const [what, file] of [['CA file', v.ca], ['CRL file', v.crl], ['TSA CA file', v['tsa-ca']]]) if (file) readable(what, file);
  const creds = credentials(v, password);
  const files = (positionals.length ? positionals : [DEFAULT_FILE]).map((f) => resolve(cwd, f));
  const dests = files.map((f) => (v.out ? join(v.out, basename(f)) : f));
  if (new Set(dests).size !== dests.length) throw new Refusal('two files would be signed to the same name in --out');
  if (v.out) mkdirSync(v.out, { recursive: true });
  files.forEach((f, i) => console.log(signOne(f, dests[i], v, creds)));
}

// Ctrl-C reaches osslsigncode too, which then fails: with these handlers this process
// lives on long enough to remove its temporary files instead of dying at once.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
try {
  main();
} catch (e) {
  if (!(e instanceof Refusal)) throw e;
  process.stderr.write(`sign-windows: ${e.message}\n`);
  process.exit(1);
}
