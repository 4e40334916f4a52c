// `node fetch-ca.mjs https://collector:8470 SHA256 OUT.pem`: the collector's CA, pinned
// by its SHA-256 fingerprint (install.env's ZHENGBAN_CA_SHA256; colons, case and a
// `sha256:` prefix do not matter), written as PEM to OUT for `zhengban-agent enroll --ca`.
// The work is the Windows installer's, one copy for both: the chain the collector sends
// is read without trusting it, and the certificate with that fingerprint is taken only
// if it is a CA or self-signed; the agent then checks the collector against it in full.
// The packages carry this file bundled with those modules (scripts/package/agent-tree.mjs).
// Exit 0 written; 1 not found, not a CA, or the collector not reached; 2 usage.
import { writeFileSync } from 'node:fs';
import { fetchCaByFingerprint } from '../windows/setup/collector-ca.mjs';
import { normalizeFingerprint } from '../windows/setup/parameters.mjs';

const [serverUrl, text, out] = process.argv.slice(2);
const fingerprint = text === undefined ? null : normalizeFingerprint(text);
if (!serverUrl || !out || !fingerprint) {
  process.stderr.write('usage: fetch-ca.mjs https://HOST[:PORT] SHA256-FINGERPRINT OUT.pem (64 hexadecimal digits, colons allowed)\n');
  process.exit(2);
}
try {
  writeFileSync(out, await fetchCaByFingerprint(serverUrl, fingerprint), { mode: 0o644 });
  process.stderr.write(`zhengban-agent: the collector's CA (SHA-256 ${fingerprint}) written to ${out}\n`);
} catch (err) {
  // Its advice names the Windows parameter CA=; here the file goes in ZHENGBAN_CA_FILE.
  process.stderr.write(`zhengban-agent: ${err.message.replace(/as CA instead$/, 'as ZHENGBAN_CA_FILE instead')}\n`);
  process.exit(1);
}
