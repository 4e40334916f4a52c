import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectorClient, exitCodeFor, memoryIo, readCaFile, reportCommand } from '../src/index.js';
import { enrolledAgent, fakeBuild, tempDir } from './helpers.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A private CA and a server certificate for 127.0.0.1 signed by it, as a pinned-CA install has. */
async function privatePki(dir: string): Promise<{ ca: string; key: string; cert: string }> {
  const f = (n: string): string => join(dir, n);
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore', cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-subj', '/CN=zhengban test CA', '-days', '2');
  ssl('req', ...ec, '-keyout', f('srv.key'), '-out', f('srv.csr'), '-subj', '/CN=127.0.0.1');
  await writeFile(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', f('srv.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('srv.pem'), '-days', '2', '-extfile', f('ext.cnf'));
  return { ca: f('ca.pem'), key: f('srv.key'), cert: f('srv.pem') };
}

describe.runIf(hasOpenssl())('https with a configured CA file', () => {
  it('trusts the collector only through the given CA', async () => {
    const dir = await tempDir();
    const pki = await privatePki(dir);
    const server = createServer({ key: await readFile(pki.key), cert: await readFile(pki.cert) }, (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ agentId: 'a1', unit: 'u1' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const serverUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const opts = { serverUrl, userAgent: 't', connectTimeoutMs: 2000, timeoutMs: 3000 };
      const req = { token: 't', publicKey: 'pk', hostname: 'pc' };
      const withCa = new CollectorClient({ ...opts, ca: await readCaFile(pki.ca) });
      await expect(withCa.enroll(req)).resolves.toEqual({ agentId: 'a1', unit: 'u1' });
      const without = new CollectorClient(opts);
      const err = await without.enroll(req).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'E_TLS_UNTRUSTED', reason: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) });
      expect((err as Error).message).toMatch(/TLS certificate at https:\/\/127\.0\.0\.1:\d+ is not trusted .*--ca FILE/);
      expect(exitCodeFor(err)).toBe(5);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a report to a collector whose certificate is not trusted exits 5, keeping the snapshot in the spool', async () => {
    const dir = await tempDir();
    const pki = await privatePki(dir);
    const server = createServer({ key: await readFile(pki.key), cert: await readFile(pki.cert) }, (_req, res) => res.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { location, config } = await enrolledAgent(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const io = memoryIo();
      const code = await reportCommand({ io, location, buildSnapshot: fakeBuild }).catch((e: unknown) => exitCodeFor(e));
      expect(code).toBe(5);
      expect((await readdir(config.spoolDir)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
