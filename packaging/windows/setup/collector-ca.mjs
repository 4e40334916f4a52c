// The CA the agent trusts for the collector, from what the admin gave at install:
//
// - a PEM file (CA=\\server\share\zhengban\collector-ca.pem): checked to hold
//   certificates and copied into the agent's protected state folder, so the agent never
//   depends on a share;
// - a SHA-256 fingerprint (CA=sha256:AB:CD:…): the certificate with that fingerprint is
//   taken from the chain the collector presents, and only if it is a CA certificate or
//   self-signed. Nothing is trusted on the way: the fingerprint is the trust, and the
//   agent's `enroll` then checks the collector's certificate against it in full (name,
//   dates, chain). A root that the collector does not send cannot be found this way; the
//   message says so and asks for the file.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect } from 'node:tls';

export class CaError extends Error {}

/** The certificates of a PEM file's text, re-encoded; throws CaError when there are none. */
export function caPemFromText(text, file) {
  const blocks = String(text).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new CaError(`${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return blocks.map((b) => {
    try {
      return new X509Certificate(b).toString();
    } catch (e) {
      throw new CaError(`${file}: a certificate cannot be read: ${e.message}`);
    }
  }).join('');
}

/** Each certificate of the presented chain, leaf first, without repeats. */
export function chainOf(peer) {
  const chain = [];
  const seen = new Set();
  for (let c = peer; c && c.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    chain.push(new X509Certificate(c.raw));
  }
  return chain;
}

/** The PEM of the chain's certificate with `fingerprint` ("AB:CD:…"), if it may serve as a trust anchor. */
export function pickCa(chain, fingerprint, serverUrl) {
  const found = chain.find((c) => c.fingerprint256 === fingerprint);
  if (!found) {
    const sent = chain.map((c) => `${c.subject.replace(/\n/g, ', ')} (sha256 ${c.fingerprint256})`).join('; ') || 'nothing';
    throw new CaError(`the collector at ${serverUrl} does not present a certificate with the fingerprint ${fingerprint}; it sent: ${sent}. ` +
      'A root CA that the server does not send cannot be taken from the connection: give its PEM file as CA instead');
  }
  if (!found.ca && !found.checkIssued(found)) {
    throw new CaError(`the certificate with the fingerprint ${fingerprint} (${found.subject.replace(/\n/g, ', ')}) is the collector's own ` +
      'certificate, issued by a CA: give the fingerprint (or the PEM file) of that CA');
  }
  return found.toString();
}

/** Connects to the collector without trusting it, only to read its chain; resolves with the chosen CA's PEM. */
export function fetchCaByFingerprint(serverUrl, fingerprint, { timeoutMs = 15_000, tlsConnect = connect } = {}) {
  const url = new URL(serverUrl);
  if (url.protocol !== 'https:') return Promise.reject(new CaError(`a CA fingerprint needs an https:// SERVER, not ${serverUrl}`));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolvePem, reject) => {
    const socket = tlsConnect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false, // reading the chain only; the fingerprint decides
    });
    const fail = (e) => {
      socket.destroy();
      reject(e instanceof CaError ? e : new CaError(`cannot read the collector's certificates at ${serverUrl}: ${e.message}`));
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs / 1000} s`)));
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      try {
        const pem = pickCa(chainOf(socket.getPeerCertificate(true)), fingerprint, serverUrl);
        socket.end();
        resolvePem(pem);
      } catch (e) {
        fail(e);
      }
    });
  });
}
