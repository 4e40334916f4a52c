// The enrollment parameters an installation brings, from msiexec's properties or from
// the file an admin puts beside the MSI (Group Policy software installation passes no
// properties). The file, zhengban-install.json:
//
//   { "server": "https://collector.example.gov.cn:8443",
//     "token": "zbe_6i-V4p6Socf-f2D4vAUmQMh4105cIaaEhfe6PlgZA0k",
//     "ca": "collector-ca.pem" }
//
// `ca` (and the CA property) is either a PEM file, relative to the MSI's folder, or the
// SHA-256 fingerprint of the CA certificate the collector presents ("sha256:AB:CD:…",
// as `openssl x509 -fingerprint -sha256` prints it, colons and the prefix optional).
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve, win32 } from 'node:path';

export const INSTALL_FILE = 'zhengban-install.json';

/** A parameter an admin gave is unusable; the message says which and why. */
export class ParameterError extends Error {}

const FINGERPRINT_PREFIX = /^(?:sha-?256(?:\s+fingerprint)?\s*[:=]\s*)/i;

/** "AB:CD:…" (32 upper-case pairs) for any usual spelling of a SHA-256 fingerprint, else null. */
export function normalizeFingerprint(text) {
  const hex = String(text).trim().replace(FINGERPRINT_PREFIX, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g).join(':');
}

/** Absolute on Windows (C:\…, \\server\share\…) or POSIX alike: the MSI runs on one, tests on the other. */
function absolute(file, baseDir) {
  if (isAbsolute(file) || win32.isAbsolute(file)) return file;
  return baseDir.includes('\\') ? win32.resolve(baseDir, file) : resolve(baseDir, file);
}

/** The CA value: none, a fingerprint, or a file resolved against `baseDir`. */
export function parseCaValue(value, baseDir) {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  const sha256 = normalizeFingerprint(text);
  if (sha256) return { sha256 };
  if (/^sha-?256/i.test(text)) throw new ParameterError(`CA "${text}" looks like a fingerprint but is not 64 hexadecimal digits`);
  return { file: absolute(text, baseDir) };
}

function checkServer(server, where) {
  let url;
  try {
    url = new URL(server);
  } catch {
    throw new ParameterError(`${where}: SERVER "${server}" is not a URL (for example https://collector.example.gov.cn:8443)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ParameterError(`${where}: SERVER "${server}" must start with https:// (or http:// on a trusted network)`);
  }
}

/**
 * Parameters from msiexec properties, when SERVER and TOKEN are both given (the MSI runs
 * this path only then); `msiDir` resolves a relative CA file.
 */
export function fromProperties({ server, token, ca }, msiDir) {
  if (!server?.trim() || !token?.trim()) return null;
  const where = 'msiexec properties';
  checkServer(server.trim(), where);
  return { server: server.trim(), token: token.trim(), ca: parseCaValue(ca, msiDir), source: where };
}

/** zhengban-install.json in `dir`, or null when there is none. Throws ParameterError when it is unusable. */
export function readInstallFile(dir, read = readFileSync) {
  const file = dir.includes('\\') ? win32.join(dir, INSTALL_FILE) : join(dir, INSTALL_FILE);
  let text;
  try {
    text = read(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
    throw new ParameterError(`cannot read ${file}: ${e.code ?? e.message}`);
  }
  let json;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad's BOM
  } catch (e) {
    throw new ParameterError(`${file} is not JSON: ${e.message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ParameterError(`${file} must hold one JSON object`);
  const unknown = Object.keys(json).filter((k) => !['server', 'token', 'ca'].includes(k));
  if (unknown.length) throw new ParameterError(`${file}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: server, token, ca)`);
  for (const key of ['server', 'token']) {
    if (typeof json[key] !== 'string' || !json[key].trim()) throw new ParameterError(`${file}: "${key}" is missing or empty`);
  }
  if (json.ca !== undefined && typeof json.ca !== 'string') throw new ParameterError(`${file}: "ca" must be a string`);
  checkServer(json.server.trim(), file);
  return { server: json.server.trim(), token: json.token.trim(), ca: parseCaValue(json.ca, dir), source: file };
}
